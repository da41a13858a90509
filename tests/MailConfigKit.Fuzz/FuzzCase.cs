using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace MailConfigKit.Fuzz
{
    /// <summary>What a case feeds: a document parser (with edits) or the typed value parsers.</summary>
    public enum FuzzTarget
    {
        MainCf,
        MasterCf,
        Exim,
        Values,
    }

    /// <summary>One operation on the parsed document (or, for <see cref="FuzzTarget.Values"/>, one value to parse).</summary>
    public sealed class FuzzOp
    {
        public FuzzOp(string kind, params string[] args)
        {
            Kind = kind;
            Args = args;
        }

        /// <summary>set, remove, commentout, setoverride, removeoverride, parse, eximlist.</summary>
        public string Kind { get; }

        public string[] Args { get; }

        public override string ToString() => Kind + " " + string.Join(" ", Args.Select(a => FuzzCase.Quote(Shorten(a))));

        private static string Shorten(string s) => s.Length <= 200 ? s : s.Substring(0, 200) + "...(" + s.Length.ToString(CultureInfo.InvariantCulture) + " chars)";
    }

    /// <summary>
    /// A concrete input: everything needed to replay it without the generator, so a regression file keeps working when
    /// the generator changes. Serialised as text, one field a line, strings escaped (lone surrogates, NUL and controls
    /// survive as \uXXXX).
    /// </summary>
    public sealed class FuzzCase
    {
        public FuzzTarget Target { get; set; }

        /// <summary>The document text (parsed with Parse); unused when <see cref="Bytes"/> is set.</summary>
        public string Text { get; set; } = string.Empty;

        /// <summary>When set, the document is read with FromBytes (invalid UTF-8 gives a byte-mode document).</summary>
        public byte[]? Bytes { get; set; }

        public List<FuzzOp> Ops { get; } = new List<FuzzOp>();

        /// <summary>Where it came from: "seed=S index=I" for a generated case, or a file name.</summary>
        public string Origin { get; set; } = string.Empty;

        /// <summary>Free text written as comments (the finding, the replay command).</summary>
        public List<string> Notes { get; } = new List<string>();

        public int Size => (Bytes?.Length ?? Text.Length) + Ops.Sum(o => o.Args.Sum(a => a.Length));

        public string Serialize()
        {
            var sb = new StringBuilder();
            sb.Append("# MailConfigKit fuzz case (tests/MailConfigKit.Fuzz/FuzzCase.cs)\n");
            foreach (string n in Notes) sb.Append("# ").Append(n.Replace("\n", "\n# ", StringComparison.Ordinal)).Append('\n');
            sb.Append("origin: ").Append(Quote(Origin)).Append('\n');
            sb.Append("target: ").Append(Target.ToString()).Append('\n');
            if (Bytes != null) sb.Append("bytes: ").Append(Convert.ToBase64String(Bytes)).Append('\n');
            else sb.Append("text: ").Append(Quote(Text)).Append('\n');
            foreach (FuzzOp op in Ops)
            {
                sb.Append("op: ").Append(op.Kind);
                foreach (string a in op.Args) sb.Append(' ').Append(Quote(a));
                sb.Append('\n');
            }
            return sb.ToString();
        }

        public static FuzzCase Deserialize(string content)
        {
            var c = new FuzzCase();
            foreach (string raw in content.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                if (line.Length == 0) continue;
                if (line[0] == '#')
                {
                    // Comments are the notes (findings, replay line), except the fixed first line.
                    if (line.StartsWith("# ", StringComparison.Ordinal) && !line.StartsWith("# MailConfigKit fuzz case", StringComparison.Ordinal)) c.Notes.Add(line.Substring(2));
                    continue;
                }
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0) throw new FormatException("Bad fuzz case line: " + line);
                string key = line.Substring(0, colon);
                string rest = line.Substring(colon + 1).TrimStart(' ');
                switch (key)
                {
                    case "origin":
                        c.Origin = Unquote(rest, 0, out _);
                        break;
                    case "target":
                        c.Target = Enum.Parse<FuzzTarget>(rest.Trim());
                        break;
                    case "bytes":
                        c.Bytes = Convert.FromBase64String(rest.Trim());
                        break;
                    case "text":
                        c.Text = Unquote(rest, 0, out _);
                        break;
                    case "op":
                        int sp = rest.IndexOf(' ', StringComparison.Ordinal);
                        string kind = sp < 0 ? rest : rest.Substring(0, sp);
                        var args = new List<string>();
                        int at = sp < 0 ? rest.Length : sp;
                        while (at < rest.Length)
                        {
                            if (rest[at] == ' ') { at++; continue; }
                            args.Add(Unquote(rest, at, out at));
                        }
                        c.Ops.Add(new FuzzOp(kind, args.ToArray()));
                        break;
                    default:
                        throw new FormatException("Unknown fuzz case field: " + key);
                }
            }
            return c;
        }

        public static FuzzCase Load(string path) => Deserialize(File.ReadAllText(path, Encoding.UTF8));

        /// <summary>A double-quoted string with C-like escapes; only printable ASCII stays as is.</summary>
        public static string Quote(string s)
        {
            var sb = new StringBuilder(s.Length + 2);
            sb.Append('"');
            foreach (char ch in s)
            {
                switch (ch)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '"': sb.Append("\\\""); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (ch >= 0x20 && ch < 0x7f) sb.Append(ch);
                        else sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        private static string Unquote(string s, int at, out int end)
        {
            if (at >= s.Length || s[at] != '"') throw new FormatException("Expected a quoted string at " + at.ToString(CultureInfo.InvariantCulture));
            var sb = new StringBuilder();
            int i = at + 1;
            while (i < s.Length && s[i] != '"')
            {
                char ch = s[i++];
                if (ch != '\\') { sb.Append(ch); continue; }
                char e = s[i++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        sb.Append((char)int.Parse(s.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
            if (i >= s.Length) throw new FormatException("Unterminated quoted string");
            end = i + 1;
            return sb.ToString();
        }
    }
}
