using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using FluentAssertions;
using MailConfigKit.Postfix;
using NUnit.Framework;

namespace MailConfigKit.Tests.Layers
{
    /// <summary>
    /// The layers of DESIGN.md, checked on the compiled library: every type reference (signatures, base types, and the
    /// tokens in every method body, lambdas and iterators included) may point only to the same namespace or one above it
    /// in IO, Text, Values, Postfix/Exim4, Dns, Host, Diagnosis, Remediation; Postfix and Exim4 never use each other.
    /// Reading the IL rather than the using directives catches fully qualified names and ignores unused usings.
    /// </summary>
    public class LayeringTests
    {
        private static readonly Dictionary<string, int> Order = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["IO"] = 0, ["Text"] = 1, ["Values"] = 2, ["Postfix"] = 3, ["Exim4"] = 3, ["Dns"] = 4, ["Host"] = 5, ["Diagnosis"] = 6, ["Remediation"] = 7,
        };

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

        private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        [Test]
        public void Every_namespace_is_a_registered_layer()
        {
            var namespaces = LibraryTypes().Select(Layer).Where(n => n != null).Distinct().ToList();
            namespaces.Should().OnlyContain(n => Order.ContainsKey(n!), "every namespace of the library has its place in DESIGN.md's table");
        }

        [Test]
        public void No_namespace_uses_one_below_it_and_no_two_use_each_other()
        {
            var edges = Edges();
            TestContext.Out.WriteLine(string.Join("\n", edges.Keys.OrderBy(k => k)));
            var violations = edges
                .Where(e => !Allowed(e.Key.From, e.Key.To))
                .Select(e => e.Key.From + " uses " + e.Key.To + ", e.g. " + e.Value)
                .ToList();
            violations.Should().BeEmpty();
        }

        [Test]
        public void The_checker_sees_references_made_only_inside_method_bodies()
        {
            // A reference that appears in no signature (a local in a lambda) must still count, or the test above proves nothing.
            var edges = Edges();
            edges.Keys.Should().Contain(("Remediation", "Postfix"));
            edges.Keys.Should().Contain(("Diagnosis", "Host"));
            Allowed("Postfix", "Exim4").Should().BeFalse();
            Allowed("Text", "Diagnosis").Should().BeFalse();
            Allowed("Diagnosis", "Text").Should().BeTrue();
        }

        private static bool Allowed(string from, string to) =>
            from == to || (Order.TryGetValue(from, out int a) && Order.TryGetValue(to, out int b) && b < a);

        private static IEnumerable<Type> LibraryTypes() => typeof(MainCf).Assembly.GetTypes();

        // The second segment of the outermost declaring type's namespace (nested and compiler-generated types count as their parent's).
        private static string? Layer(Type t)
        {
            while (t.DeclaringType != null) t = t.DeclaringType;
            string? ns = t.Namespace;
            if (ns == null || !ns.StartsWith("MailConfigKit", StringComparison.Ordinal)) return null;
            string[] parts = ns.Split('.');
            return parts.Length > 1 ? parts[1] : "(root)";
        }

        private static Dictionary<(string From, string To), string> Edges()
        {
            var edges = new Dictionary<(string, string), string>();
            Assembly library = typeof(MainCf).Assembly;
            foreach (Type type in LibraryTypes())
            {
                string? from = Layer(type);
                if (from == null) continue;
                foreach (Type used in References(type))
                {
                    if (used.Assembly != library) continue;
                    string? to = Layer(used);
                    if (to == null || to == from) continue;
                    if (!edges.ContainsKey((from, to))) edges[(from, to)] = type.FullName + " -> " + used.FullName;
                }
            }
            return edges;
        }

        private static IEnumerable<Type> References(Type type)
        {
            var found = new List<Type>();
            void Add(Type? t)
            {
                if (t == null) return;
                if (t.HasElementType) { Add(t.GetElementType()); return; }
                if (t.IsGenericParameter) return;
                found.Add(t);
                if (t.IsGenericType) foreach (Type a in t.GetGenericArguments()) Add(a);
            }
            Add(type.BaseType);
            foreach (Type i in type.GetInterfaces()) Add(i);
            foreach (FieldInfo f in type.GetFields(All)) Add(f.FieldType);
            foreach (PropertyInfo p in type.GetProperties(All)) Add(p.PropertyType);
            foreach (MethodBase m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                if (m is MethodInfo mi) Add(mi.ReturnType);
                foreach (ParameterInfo p in m.GetParameters()) Add(p.ParameterType);
                MethodBody? body = m.GetMethodBody();
                if (body == null) continue;
                foreach (LocalVariableInfo local in body.LocalVariables) Add(local.LocalType);
                foreach (MemberInfo member in Tokens(m, body.GetILAsByteArray() ?? new byte[0]))
                {
                    Add(member as Type ?? member.DeclaringType);
                    if (member is FieldInfo field) Add(field.FieldType);
                    if (member is MethodInfo method) Add(method.ReturnType);
                }
            }
            return found;
        }

        // Walks the IL opcode by opcode and resolves every metadata token an instruction carries.
        private static IEnumerable<MemberInfo> Tokens(MethodBase method, byte[] il)
        {
            Type[]? typeArgs = method.DeclaringType != null && method.DeclaringType.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
            Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            int i = 0;
            while (i < il.Length)
            {
                short value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
                i += il[i] == 0xFE ? 2 : 1;
                if (!OpCodesByValue.TryGetValue(value, out OpCode op)) throw new InvalidOperationException("unknown opcode 0x" + value.ToString("X") + " in " + method);
                switch (op.OperandType)
                {
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar: i += 1; break;
                    case OperandType.InlineVar: i += 2; break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR: i += 8; break;
                    case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        int token = BitConverter.ToInt32(il, i);
                        i += 4;
                        MemberInfo? member = null;
                        try
                        {
                            member = method.Module.ResolveMember(token, typeArgs, methodArgs);
                        }
                        catch (ArgumentException)
                        {
                            // A token into another assembly's generic context: not a library type, nothing to check.
                        }
                        if (member != null) yield return member;
                        break;
                    default: i += 4; break;
                }
            }
        }
    }
}
