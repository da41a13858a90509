using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace MailConfigKit.Tests.Host.Journal
{
    /// <summary>One entry as journalctl's export format prints it.</summary>
    internal sealed class ExportEntry
    {
        public string Cursor = "";
        public ulong Realtime;
        public ulong Monotonic;
        public string BootId = "";
        public readonly List<KeyValuePair<string, byte[]>> Fields = new List<KeyValuePair<string, byte[]>>();

        public override string ToString() => Cursor;
    }

    /// <summary>
    /// The journal export format (systemd's "Journal Export Formats"): entries separated by an empty line, a field per
    /// line as <c>NAME=value</c>, or for values with control characters <c>NAME</c>, a newline, the length as a
    /// little-endian 64-bit number, the bytes and a newline. Written by the generator, read back from journalctl.
    /// </summary>
    internal static class ExportFormat
    {
        public static List<ExportEntry> Parse(byte[] bytes)
        {
            var entries = new List<ExportEntry>();
            ExportEntry? current = null;
            int i = 0;
            while (i < bytes.Length)
            {
                int nl = Array.IndexOf(bytes, (byte)'\n', i);
                if (nl < 0) throw new FormatException("export output ends inside a line at " + i);
                if (nl == i)
                {
                    if (current != null) entries.Add(current);
                    current = null;
                    i = nl + 1;
                    continue;
                }
                current ??= new ExportEntry();
                int eq = Array.IndexOf(bytes, (byte)'=', i, nl - i);
                string name;
                byte[] value;
                if (eq >= 0)
                {
                    name = Encoding.ASCII.GetString(bytes, i, eq - i);
                    value = bytes.AsSpan(eq + 1, nl - eq - 1).ToArray();
                    i = nl + 1;
                }
                else
                {
                    name = Encoding.ASCII.GetString(bytes, i, nl - i);
                    long length = BitConverter.ToInt64(bytes, nl + 1);
                    value = bytes.AsSpan(nl + 9, checked((int)length)).ToArray();
                    i = nl + 9 + (int)length;
                    if (bytes[i] != (byte)'\n') throw new FormatException("binary field " + name + " not followed by a newline");
                    i++;
                }
                string text = Encoding.UTF8.GetString(value);
                switch (name)
                {
                    case "__CURSOR": current.Cursor = text; break;
                    case "__REALTIME_TIMESTAMP": current.Realtime = ulong.Parse(text, CultureInfo.InvariantCulture); break;
                    case "__MONOTONIC_TIMESTAMP": current.Monotonic = ulong.Parse(text, CultureInfo.InvariantCulture); break;
                    case "_BOOT_ID": current.BootId = text; break;
                    default:
                        if (name.StartsWith("__", StringComparison.Ordinal)) break; // __SEQNUM and the like of newer journalctl
                        current.Fields.Add(new KeyValuePair<string, byte[]>(name, value));
                        break;
                }
            }
            if (current != null) entries.Add(current);
            return entries;
        }

        /// <summary>Appends one field, in text form when it can be, else in the binary form.</summary>
        public static void WriteField(Stream s, string name, byte[] value)
        {
            byte[] n = Encoding.ASCII.GetBytes(name);
            s.Write(n, 0, n.Length);
            if (value.Any(b => b < 32 && b != (byte)'\t'))
            {
                s.WriteByte((byte)'\n');
                s.Write(BitConverter.GetBytes((long)value.Length), 0, 8);
                s.Write(value, 0, value.Length);
                s.WriteByte((byte)'\n');
            }
            else
            {
                s.WriteByte((byte)'=');
                s.Write(value, 0, value.Length);
                s.WriteByte((byte)'\n');
            }
        }

        public static void WriteField(Stream s, string name, string value) => WriteField(s, name, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>
    /// Random journal records as export format: many boots (each with its own monotonic clock), wall-clock time that
    /// mostly moves forward and sometimes jumps back, random programs, priorities and pids, messages from a few bytes
    /// to tens of kilobytes (some compressible, some not), UTF-8 text, binary fields and repeated field names.
    /// </summary>
    internal static class JournalGenerator
    {
        private static readonly string[] Programs = { "postfix/smtp", "postfix/qmgr", "exim", "sshd", "CRON", "systemd", "kernel", "fetchmail", "dovecot", "su" };
        private static readonly string[] Words = { "connect", "to", "gmail-smtp-in.l.google.com", "[2a00:1450:4013:c00::1a]:25", "Network", "is", "unreachable", "status=deferred", "relay=none", "delay=0.1", "dsn=4.4.1", "ünïcödé", "日本語", "from=<root@host>", "550-5.7.1" };

        public static byte[] Generate(Random random, int count, string machineHost = "mck-journal")
        {
            int bootCount = random.Next(3, 12);
            var boots = Enumerable.Range(0, bootCount).Select(_ => RandomId(random)).ToArray();
            var monotonic = new ulong[bootCount];
            ulong realtime = 1_600_000_000_000_000UL + (ulong)random.Next(0, 1_000_000_000) * 1000;
            int boot = 0;
            using var s = new MemoryStream();
            for (int n = 0; n < count; n++)
            {
                if (random.Next(200) == 0) boot = random.Next(bootCount); // a reboot (or a file merged from another boot)
                monotonic[boot] += (ulong)random.Next(1, 5_000_000);
                realtime = random.Next(100) == 0 ? realtime - (ulong)random.Next(1, 100_000_000) : realtime + (ulong)random.Next(0, 3_000_000);
                ExportFormat.WriteField(s, "__REALTIME_TIMESTAMP", realtime.ToString(CultureInfo.InvariantCulture));
                ExportFormat.WriteField(s, "__MONOTONIC_TIMESTAMP", monotonic[boot].ToString(CultureInfo.InvariantCulture));
                ExportFormat.WriteField(s, "_BOOT_ID", boots[boot]);
                string program = Programs[random.Next(Programs.Length)];
                ExportFormat.WriteField(s, "PRIORITY", random.Next(8).ToString(CultureInfo.InvariantCulture));
                ExportFormat.WriteField(s, "SYSLOG_FACILITY", random.Next(24).ToString(CultureInfo.InvariantCulture));
                ExportFormat.WriteField(s, "_HOSTNAME", random.Next(20) == 0 ? "other-" + random.Next(3) : machineHost);
                if (random.Next(4) != 0) ExportFormat.WriteField(s, "SYSLOG_IDENTIFIER", program);
                ExportFormat.WriteField(s, "_COMM", program.Split('/').Last());
                ExportFormat.WriteField(s, "_PID", random.Next(1, 4_000_000).ToString(CultureInfo.InvariantCulture));
                if (random.Next(3) == 0) ExportFormat.WriteField(s, "SYSLOG_PID", random.Next(1, 4_000_000).ToString(CultureInfo.InvariantCulture));
                if (random.Next(10) != 0) ExportFormat.WriteField(s, "MESSAGE", Message(random));
                else ExportFormat.WriteField(s, "MESSAGE", RandomBytes(random, random.Next(1, 3000), binary: true)); // a binary message
                if (random.Next(5) == 0) ExportFormat.WriteField(s, "BINARY_BLOB", RandomBytes(random, random.Next(0, 2000), binary: true));
                if (random.Next(5) == 0) ExportFormat.WriteField(s, "CODE_LINE", random.Next(1000).ToString(CultureInfo.InvariantCulture));
                if (random.Next(8) == 0) ExportFormat.WriteField(s, "REPEATED_FIELD", "first " + random.Next(5));
                if (random.Next(8) == 0) ExportFormat.WriteField(s, "REPEATED_FIELD", "second " + random.Next(5));
                if (random.Next(6) == 0) ExportFormat.WriteField(s, "COMPRESSIBLE", string.Concat(Enumerable.Repeat("abcdefgh", random.Next(20, 60))));
                if (random.Next(30) == 0) ExportFormat.WriteField(s, "EMPTY", "");
                s.WriteByte((byte)'\n');
            }
            return s.ToArray();
        }

        public static string RandomId(Random random)
        {
            var b = new byte[16];
            random.NextBytes(b);
            return Convert.ToHexString(b).ToLowerInvariant();
        }

        private static string Message(Random random)
        {
            int kind = random.Next(100);
            int length = kind < 70 ? random.Next(1, 200) : kind < 90 ? random.Next(200, 2000) : random.Next(2000, 60_000);
            var sb = new StringBuilder();
            if (random.Next(2) == 0)
            {
                while (sb.Length < length) sb.Append(Words[random.Next(Words.Length)]).Append(' ');
            }
            else
            {
                // Random text compresses poorly (zstd may keep it close to its size).
                var b = new byte[length * 3 / 4 + 1];
                random.NextBytes(b);
                sb.Append(Convert.ToBase64String(b));
            }
            return sb.ToString(0, Math.Min(sb.Length, length)).TrimEnd().PadRight(1, 'x');
        }

        private static byte[] RandomBytes(Random random, int length, bool binary)
        {
            var b = new byte[length];
            random.NextBytes(b);
            if (binary && length > 0) b[random.Next(length)] = (byte)'\n';
            return b;
        }
    }
}
