using System;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Postfix;
using NUnit.Framework;

namespace MailConfigKit.Tests.Layers
{
    /// <summary>Rules every public type keeps, so PowerShell and a debugger show what an object is.</summary>
    public class PublicApiTests
    {
        [Test]
        public void Every_public_class_a_user_can_hold_says_what_it_is_in_ToString()
        {
            var missing = typeof(MainCf).Assembly.GetExportedTypes()
                .Where(t => !t.IsEnum && !t.IsInterface && !(t.IsAbstract && t.IsSealed))
                .Where(t =>
                {
                    var m = t.GetMethod("ToString", Type.EmptyTypes);
                    return m == null || m.DeclaringType == typeof(object) || m.DeclaringType == typeof(ValueType);
                })
                .Select(t => t.FullName)
                .ToList();
            missing.Should().BeEmpty();
        }
    }
}
