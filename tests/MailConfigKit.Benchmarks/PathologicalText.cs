using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MailConfigKit.Benchmarks
{
    /// <summary>The input shapes of issue 11 (defects 2, 3, 9, 14), each with an ordinary file of the same size.</summary>
    public enum Shape
    {
        /// <summary>An ordinary file of the kind: the baseline the pathological shapes are compared with.</summary>
        Ordinary,

        /// <summary>
        /// main.cf: as dense as <see cref="MacroChain"/> (<c>p0 = v1+1</c>, <c>p1 = v2+1</c>, ...) but without references: an
        /// ordinary file of definitions of the same density, so the chain's extra cost (the reference graph) shows apart
        /// from its three times more definitions per byte than <see cref="Ordinary"/>.
        /// </summary>
        DenseDefinitions,

        /// <summary>main.cf: one value <c>${a:${a:...}}</c> nested as deep as the size allows.</summary>
        MacroNesting,

        /// <summary>main.cf: <c>p0 = $p1+1</c>, <c>p1 = $p2+1</c>, ... one chain over the whole file.</summary>
        MacroChain,

        /// <summary>master.cf: one entry with a <c>-o</c> continuation line per parameter, as many as fit.</summary>
        LongContinuation,

        /// <summary>master.cf: one entry of glued <c>-oname=value</c> words on continuation lines.</summary>
        GluedWords,

        /// <summary>update-exim4.conf.conf: <c>x=$("$("...")")</c> nested as deep as the size allows.</summary>
        CommandSubstNesting,

        /// <summary>mail.log: every line a Gmail IPv6 bounce (each one a match the diagnosis counts).</summary>
        Bounces,

        /// <summary>
        /// mail.log: every line a Gmail deferral that names IPv6 but is no refusal: the per-line work of
        /// <see cref="Bounces"/> (each line passes the keyword filter, is decoded, its header read and the phrase sought)
        /// without the match, so the cost of a match itself shows apart from that of a line worth a look.
        /// </summary>
        KeywordMisses,
    }

    public static class PathologicalText
    {
        /// <summary>
        /// Sizes in bytes: MCK_BENCH_SIZES="16384,1048576" overrides. Every shape is linear now, so the defaults include the
        /// 1 MiB the issue measures (within 2x of an ordinary file of the same size).
        /// </summary>
        public static IEnumerable<int> Sizes(params int[] defaults)
        {
            string? env = Environment.GetEnvironmentVariable("MCK_BENCH_SIZES");
            if (string.IsNullOrWhiteSpace(env)) return defaults;
            return env.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture));
        }

        public static string MainCf(Shape shape, int size)
        {
            var sb = new StringBuilder(size + 64);
            switch (shape)
            {
                case Shape.MacroNesting:
                {
                    int depth = Math.Max(1, (size - 8) / 5);
                    sb.Append("x = ");
                    for (int i = 0; i < depth; i++) sb.Append("${a:");
                    sb.Append('v').Append('}', depth).Append('\n');
                    break;
                }
                case Shape.DenseDefinitions:
                    for (int i = 0; sb.Length < size; i++) sb.Append('p').Append(i).Append(" = v").Append(i + 1).Append("+1\n");
                    break;
                case Shape.MacroChain:
                    for (int i = 0; sb.Length < size; i++) sb.Append('p').Append(i).Append(" = $p").Append(i + 1).Append("+1\n");
                    break;
                default:
                    sb.Append(MainCfText.Generated(size));
                    break;
            }
            return Fit(sb, size);
        }

        public static string MasterCf(Shape shape, int size)
        {
            var sb = new StringBuilder(size + 64);
            switch (shape)
            {
                case Shape.LongContinuation:
                    sb.Append("smtp      unix  -       -       y       -       -       smtp\n");
                    for (int i = 0; sb.Length < size; i++) sb.Append("  -o p").Append(i).Append("=value").Append(i).Append('\n');
                    break;
                case Shape.GluedWords:
                    sb.Append("smtp      unix  -       -       y       -       -       smtp\n");
                    for (int i = 0; sb.Length < size; i++) sb.Append(i % 8 == 0 ? "\n " : " ").Append("-op").Append(i).Append("=v").Append(i);
                    sb.Append('\n');
                    break;
                default:
                    // Many ordinary entries, each with a few -o lines: what a big real master.cf looks like.
                    for (int i = 0; sb.Length < size; i++)
                    {
                        sb.Append("svc").Append(i).Append("      unix  -       -       y       -       -       smtp\n");
                        sb.Append("  -o syslog_name=postfix/svc").Append(i).Append("\n  -o smtp_bind_address=127.0.0.").Append(i % 250 + 1).Append('\n');
                        if (i % 4 == 0) sb.Append("# comment for the next entry\n");
                    }
                    break;
            }
            return Fit(sb, size);
        }

        public static string Exim(Shape shape, int size)
        {
            var sb = new StringBuilder(size + 64);
            if (shape == Shape.CommandSubstNesting)
            {
                int depth = Math.Max(1, (size - 8) / 6);
                sb.Append("x=");
                for (int i = 0; i < depth; i++) sb.Append("$(\"");
                for (int i = 0; i < depth; i++) sb.Append("\")");
                sb.Append('\n');
            }
            else
            {
                for (int i = 0; sb.Length < size; i++)
                {
                    switch (i % 4)
                    {
                        case 0: sb.Append("# setting ").Append(i).Append('\n'); break;
                        case 1: sb.Append("dc_other_hostnames_").Append(i).Append("='host").Append(i).Append(".example.org'\n"); break;
                        case 2: sb.Append("dc_local_interfaces='127.0.0.1 ; ::1'\n"); break;
                        default: sb.Append("dc_relay_nets=\"10.").Append(i % 250).Append(".0.0/16\"\n"); break;
                    }
                }
            }
            return Fit(sb, size);
        }

        public static string MailLog(Shape shape, int size)
        {
            var sb = new StringBuilder(size + 512);
            for (int i = 0; sb.Length < size; i++) AppendMailLogLine(sb, shape, i);
            return Fit(sb, size);
        }

        /// <summary>
        /// A mail.log of about <paramref name="size"/> bytes written as a stream (a gigabyte is never held): <paramref name="shape"/>'s
        /// lines, and every <paramref name="bounceEvery"/>-th line a bounce (0: none).
        /// </summary>
        public static void WriteMailLog(string path, Shape shape, long size, int bounceEvery)
        {
            using var stream = new System.IO.FileStream(path, System.IO.FileMode.Create, System.IO.FileAccess.Write, System.IO.FileShare.None, 1 << 20);
            var sb = new StringBuilder(1 << 20);
            long written = 0;
            for (int i = 0; written < size; i++)
            {
                AppendMailLogLine(sb, bounceEvery > 0 && i % bounceEvery == bounceEvery - 1 ? Shape.Bounces : shape, i);
                if (sb.Length > (1 << 20) - 1024 || written + sb.Length >= size)
                {
                    byte[] bytes = Encoding.ASCII.GetBytes(sb.ToString());
                    stream.Write(bytes, 0, bytes.Length);
                    written += bytes.Length;
                    sb.Clear();
                }
            }
        }

        private static void AppendMailLogLine(StringBuilder sb, Shape shape, int i)
        {
            string time = "Nov 25 10:" + (i / 60 % 60).ToString("D2", CultureInfo.InvariantCulture) + ":" + (i % 60).ToString("D2", CultureInfo.InvariantCulture);
            if (shape == Shape.Bounces)
            {
                sb.Append(time).Append(" mx postfix/smtp[1234]: 4F").Append(i.ToString("X6", CultureInfo.InvariantCulture))
                  .Append(": to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a]:25, delay=0.5, status=bounced ")
                  .Append("(host gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a] said: 550-5.7.1 [2001:db8::25] Our system has detected that this message ")
                  .Append("does not 550-5.7.1 meet IPv6 sending guidelines regarding PTR records and 550-5.7.1 authentication. (in reply to end of DATA command))\n");
            }
            else if (shape == Shape.KeywordMisses)
            {
                sb.Append(time).Append(" mx postfix/smtp[1234]: 4F").Append(i.ToString("X6", CultureInfo.InvariantCulture))
                  .Append(": to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a]:25, delay=0.5, status=deferred ")
                  .Append("(host gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a] said: 421-4.7.28 [2001:db8::25] Our system has detected an ")
                  .Append("unusual rate of 421-4.7.28 unsolicited mail from your IPv6 address; it is rate limited. (in reply to end of DATA command))\n");
            }
            else
            {
                sb.Append(time).Append(" mx postfix/smtp[1234]: 4F").Append(i.ToString("X6", CultureInfo.InvariantCulture))
                  .Append(": to=<user@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent ")
                  .Append("(250 2.0.0 Ok: queued as 4F00AA11BB22 by mx.example.org for the recipient, after a normal session without any refusal at all)\n");
            }
        }

        /// <summary>Exactly <paramref name="size"/> chars when longer: cut at the last line end that fits (shapes that are one line stay whole).</summary>
        private static string Fit(StringBuilder sb, int size)
        {
            if (sb.Length <= size) return sb.ToString();
            string s = sb.ToString();
            int nl = s.LastIndexOf('\n', size - 1);
            return nl > 0 ? s.Substring(0, nl + 1) : s;
        }

        /// <summary>The floor for any line-based reader: split the same text into lines.</summary>
        public static int SplitLines(string text) => text.Split('\n').Length;
    }
}
