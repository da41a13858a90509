using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// DESIGN.md's PowerShell rules, checked by reflection over every exported type of the netstandard2.0 build (what
    /// Windows PowerShell 5.1 loads). Each violation is listed by member, so a failure says exactly what to change.
    /// </summary>
    [TestFixture]
    public class PowerShellApiTests
    {
        private static readonly Type[] Exported = LibraryLoadContext.Instance.Library.GetExportedTypes();

        private static IEnumerable<MethodBase> PublicMethods() =>
            Exported.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Cast<MethodBase>()
                .Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.Instance)));

        private static string Name(MethodBase m) => m.DeclaringType!.FullName + "." + m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name + " " + p.Name)) + ")";

        [Test]
        public void There_is_an_API_to_check()
        {
            Exported.Select(t => t.FullName).Should().Contain(new[] { "MailConfigKit.Postfix.MainCf", "MailConfigKit.Diagnosis.MailDiagnosis", "MailConfigKit.Remediation.PlanExecutor" });
        }

        [Test]
        public void No_generic_method_has_a_type_parameter_PowerShell_cannot_infer()
        {
            var bad = PublicMethods().OfType<MethodInfo>().Where(m => m.IsGenericMethodDefinition)
                .Where(m => m.GetGenericArguments().Any(g => !m.GetParameters().Any(p => Mentions(p.ParameterType, g))))
                .Select(Name).ToList();
            bad.Should().BeEmpty();
        }

        [Test]
        public void No_ref_struct_or_span_in_a_public_signature()
        {
            var bad = new List<string>();
            foreach (Type t in Exported.Where(IsSpanLike)) bad.Add(t.FullName!);
            foreach (MethodBase m in PublicMethods())
            {
                if (m is MethodInfo mi && IsSpanLike(mi.ReturnType)) bad.Add(Name(m) + " returns " + mi.ReturnType.Name);
                foreach (ParameterInfo p in m.GetParameters().Where(p => IsSpanLike(p.ParameterType))) bad.Add(Name(m) + " takes " + p.ParameterType.Name);
            }
            foreach (PropertyInfo p in Exported.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)).Where(p => IsSpanLike(p.PropertyType)))
                bad.Add(p.DeclaringType!.FullName + "." + p.Name);
            bad.Should().BeEmpty();
        }

        [Test]
        public void No_optional_parameters_overloads_instead()
        {
            PublicMethods().Where(m => m.GetParameters().Any(p => p.IsOptional || p.HasDefaultValue)).Select(Name).Should().BeEmpty();
        }

        [Test]
        public void No_out_or_ref_parameters_result_objects_instead()
        {
            PublicMethods().Where(m => m.GetParameters().Any(p => p.ParameterType.IsByRef || p.IsOut)).Select(Name).Should().BeEmpty();
        }

        [TestCase("MailConfigKit.Postfix.MainCf")]
        [TestCase("MailConfigKit.Postfix.MasterCf")]
        [TestCase("MailConfigKit.Exim4.UpdateExim4Conf")]
        [TestCase("MailConfigKit.Diagnosis.DiagnosisReport")]
        [TestCase("MailConfigKit.Remediation.RemediationPlan")]
        public void Documents_are_not_enumerable_so_the_pipeline_passes_them_whole(string typeName)
        {
            Type t = LibraryLoadContext.Instance.Type(typeName);
            typeof(IEnumerable).IsAssignableFrom(t).Should().BeFalse(typeName + " would be unrolled by the PowerShell pipeline");
        }

        [Test]
        public void What_matters_is_not_only_reachable_through_extension_methods()
        {
            // PowerShell calls an extension method only as a static method; the library offers none publicly.
            PublicMethods().Where(m => m.IsDefined(typeof(ExtensionAttribute), false)).Select(Name).Should().BeEmpty();
        }

        private static bool Mentions(Type type, Type genericParameter) =>
            type == genericParameter
            || (type.HasElementType && Mentions(type.GetElementType()!, genericParameter))
            || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, genericParameter)));

        private static bool IsSpanLike(Type type)
        {
            Type t = type.IsByRef ? type.GetElementType()! : type;
            if (t.IsByRefLike) return true;
            string name = t.IsGenericType ? t.GetGenericTypeDefinition().FullName! : t.FullName ?? t.Name;
            return name.StartsWith("System.Span`", StringComparison.Ordinal) || name.StartsWith("System.ReadOnlySpan`", StringComparison.Ordinal);
        }
    }
}
