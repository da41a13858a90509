using System;
using System.Collections.Generic;
using System.IO;
using MailConfigKit.IO;

namespace MailConfigKit.Host
{
    /// <summary>
    /// An image's <c>sysctl.d</c> configuration read as systemd-sysctl (systemd 252) reads it at boot: <c>*.conf</c> files
    /// from <c>etc/sysctl.d</c>, <c>run/sysctl.d</c>, <c>usr/local/lib/sysctl.d</c>, <c>usr/lib/sysctl.d</c> (and
    /// <c>lib/sysctl.d</c> on split-usr trees), a file name in an earlier folder hiding the same name in later ones, all
    /// files in name order; <c>etc/sysctl.conf</c> counts only through a link such as Debian's
    /// <c>etc/sysctl.d/99-sysctl.conf</c> (systemd-sysctl does not read it by itself). Within the ordered options, a key
    /// assigned again with another value moves to the end; a glob applies to every matching key that has no option of
    /// its own. The real <c>systemd-sysctl</c> is the oracle (tests run it in private namespaces on the same trees).
    /// </summary>
    internal static class SysctlConfiguration
    {
        public static readonly string[] Directories = { "etc/sysctl.d", "run/sysctl.d", "usr/local/lib/sysctl.d", "usr/lib/sysctl.d", "lib/sysctl.d" };

        // A crafted tree with more files than this is not an image's configuration; the rest are not read.
        private const int MaxFiles = 4096;

        // Real sysctl.d configurations are kilobytes; past this much text the rest of a crafted tree is not read.
        private const long TotalLimit = 64L * 1024 * 1024;

        /// <summary>One option: the normalized key (slash form), the value (null: a "-key" that only excludes it from globs), and where it was written.</summary>
        public sealed class Option
        {
            public Option(string key, string? value, bool ignoreFailure, string source, int line, string text)
            {
                Key = key;
                Value = value;
                IgnoreFailure = ignoreFailure;
                Source = source;
                Line = line;
                Text = text;
            }

            public string Key { get; }
            public string? Value { get; }
            public bool IgnoreFailure { get; set; }
            public string Source { get; }
            public int Line { get; }
            public string Text { get; }

            public bool IsGlob => Key.IndexOfAny(GlobChars) >= 0;
        }

        private static readonly char[] GlobChars = { '*', '?', '[' };

        /// <summary>The files systemd-sysctl reads, in the order it reads them: (name, path relative to the root).</summary>
        public static List<KeyValuePair<string, string>> ListFiles(MailHost host, List<HostFileStatus> problems)
        {
            var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (string dir in Directories)
            {
                string full;
                try
                {
                    full = host.GetPath(dir);
                    if (!Directory.Exists(full)) continue;
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    problems.Add(MailHost.Unreadable(dir, ex));
                    continue;
                }
                try
                {
                    foreach (string entry in Directory.EnumerateFileSystemEntries(full))
                    {
                        string name = Path.GetFileName(entry);
                        // systemd: regular files and links only, no hidden files, ".conf" names; the first folder wins a name.
                        if (name.StartsWith(".", StringComparison.Ordinal) || !name.EndsWith(".conf", StringComparison.Ordinal)) continue;
                        if (byName.ContainsKey(name)) continue;
                        if (UnixNative.IsUnix && UnixNative.TryStat(entry, followLinks: false, out FileOwnership st) && !st.IsRegularFile && !st.IsSymbolicLink) continue;
                        if (byName.Count == MaxFiles)
                        {
                            problems.Add(new HostFileStatus(dir, HostFileState.Unreadable, dir + " holds more than " + MaxFiles + " configuration files; only the first " + MaxFiles + " were read."));
                            break;
                        }
                        byName[name] = dir + "/" + name;
                    }
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    problems.Add(MailHost.Unreadable(dir, ex));
                }
            }
            return new List<KeyValuePair<string, string>>(byName);
        }

        /// <summary>Every option of every file, in the order systemd-sysctl applies them.</summary>
        public static List<Option> ReadOptions(MailHost host, List<HostFileStatus> problems)
        {
            // A linked list, so that moving a reassigned key to the end stays O(1) however many keys there are.
            var ordered = new LinkedList<Option>();
            var index = new Dictionary<string, LinkedListNode<Option>>(StringComparer.Ordinal);
            long total = 0;
            foreach (KeyValuePair<string, string> file in ListFiles(host, problems))
            {
                if (total > TotalLimit)
                {
                    problems.Add(new HostFileStatus(file.Value, HostFileState.Unreadable,
                        "Not read: the sysctl.d files before it already hold more than " + (TotalLimit >> 20) + " MiB, more than any real configuration."));
                    continue;
                }
                string? text;
                string source = file.Value;
                try
                {
                    string full = host.GetPath(file.Value);
                    source = Relative(host, full);
                    // A link to /dev/null masks a vendor file (sysctl.d(5)); under an image root dev/null may not even exist.
                    if (source == "dev/null") continue;
                    text = host.ReadText(file.Value);
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    problems.Add(MailHost.Unreadable(file.Value, ex));
                    continue;
                }
                if (text == null) continue; // A dangling link: systemd-sysctl ignores a file that is not there.
                total += text.Length;
                foreach (Option option in ParseFile(text, source))
                {
                    if (index.TryGetValue(option.Key, out LinkedListNode<Option>? existing))
                    {
                        if (existing.Value.Value == option.Value)
                        {
                            existing.Value.IgnoreFailure |= option.IgnoreFailure;
                            continue;
                        }
                        ordered.Remove(existing);
                    }
                    index[option.Key] = ordered.AddLast(option);
                }
            }
            return new List<Option>(ordered);
        }

        private static string Relative(MailHost host, string full)
        {
            if (host.Root == "/") return full.TrimStart('/');
            return full.Length > host.Root.Length ? full.Substring(host.Root.Length + 1) : string.Empty;
        }

        /// <summary>The options of one file, in order (lines that are not assignments are skipped, as systemd-sysctl does with a warning).</summary>
        public static IEnumerable<Option> ParseFile(string text, string source)
        {
            int lineNumber = 1;
            int start = 0;
            while (start <= text.Length)
            {
                int end = start;
                while (end < text.Length && text[end] != '\n' && text[end] != '\r' && text[end] != '\0') end++;
                string raw = text.Substring(start, end - start);
                int number = lineNumber;
                if (end < text.Length && text[end] == '\n') lineNumber++;
                else if (end < text.Length && text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n')
                {
                    end++;
                    lineNumber++;
                }
                start = end + 1;
                Option? option = ParseLine(raw, source, number);
                if (option != null) yield return option;
                if (end >= text.Length) break;
            }
        }

        private static Option? ParseLine(string raw, string source, int line)
        {
            string p = Strip(raw);
            if (p.Length == 0 || p[0] == '#' || p[0] == ';') return null;
            int eq = p.IndexOf('=');
            bool ignoreFailure = false;
            string key;
            string? value = null;
            if (eq >= 0)
            {
                key = p.Substring(0, eq);
                value = Strip(p.Substring(eq + 1));
                if (key.StartsWith("-", StringComparison.Ordinal))
                {
                    ignoreFailure = true;
                    key = key.Substring(1);
                }
            }
            else
            {
                if (!p.StartsWith("-", StringComparison.Ordinal)) return null;
                key = p.Substring(1);
            }
            return new Option(Normalize(Strip(key)), value, ignoreFailure, source, line, raw);
        }

        // systemd's strstrip(): WHITESPACE is " \t\n\r".
        private static string Strip(string s) => s.Trim(' ', '\t', '\n', '\r');

        /// <summary>
        /// A key in slash form, as sysctl.d(5) says: when the first separator is a dot, dots and slashes swap; when it is a
        /// slash, both stay; repeated slashes and <c>.</c> components go, and so does a leading slash.
        /// </summary>
        public static string Normalize(string key)
        {
            char[] c = key.ToCharArray();
            int first = key.IndexOfAny(new[] { '/', '.' });
            if (first >= 0 && c[first] == '.')
            {
                for (int i = first; i < c.Length; i++)
                {
                    if (c[i] == '.') c[i] = '/';
                    else if (c[i] == '/') c[i] = '.';
                }
            }
            string[] parts = new string(c).Split('/');
            var kept = new List<string>(parts.Length);
            foreach (string part in parts)
            {
                if (part.Length == 0 || part == ".") continue;
                kept.Add(part);
            }
            return string.Join("/", kept);
        }

        /// <summary>Whether a glob key matches <paramref name="key"/>, component by component (glob(3): <c>*</c> and <c>?</c> never match a slash).</summary>
        public static bool GlobMatches(string pattern, string key)
        {
            string[] p = pattern.Split('/'), k = key.Split('/');
            if (p.Length != k.Length) return false;
            for (int i = 0; i < p.Length; i++)
            {
                if (!Fnmatch(p[i], k[i])) return false;
            }
            return true;
        }

        // fnmatch(3) for one path component: *, ?, [...] with ranges and ! or ^ negation, backslash escapes. Iterative
        // (the usual single-star backtracking), so a crafted pattern cannot make it super-linear per star.
        private static bool Fnmatch(string pattern, string name)
        {
            // A leading dot is only matched by a literal dot (glob's default without GLOB_PERIOD).
            if (name.StartsWith(".", StringComparison.Ordinal) && !pattern.StartsWith(".", StringComparison.Ordinal)) return false;
            int pi = 0, ni = 0, starP = -1, starN = 0;
            while (ni < name.Length)
            {
                if (pi < pattern.Length && pattern[pi] == '*')
                {
                    starP = ++pi;
                    starN = ni;
                    continue;
                }
                if (pi < pattern.Length && MatchOne(pattern, ref pi, name[ni]))
                {
                    ni++;
                    continue;
                }
                if (starP < 0) return false;
                pi = starP;
                ni = ++starN;
            }
            while (pi < pattern.Length && pattern[pi] == '*') pi++;
            return pi == pattern.Length;
        }

        // Matches one character at pattern[pi] (advancing pi past it on success).
        private static bool MatchOne(string pattern, ref int pi, char c)
        {
            char p = pattern[pi];
            if (p == '?')
            {
                pi++;
                return true;
            }
            if (p == '\\' && pi + 1 < pattern.Length)
            {
                if (pattern[pi + 1] != c) return false;
                pi += 2;
                return true;
            }
            if (p == '[')
            {
                int i = pi + 1;
                bool negate = i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^');
                if (negate) i++;
                bool matched = false;
                bool firstInSet = true;
                while (i < pattern.Length && (pattern[i] != ']' || firstInSet))
                {
                    firstInSet = false;
                    char lo = pattern[i];
                    if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
                    {
                        if (c >= lo && c <= pattern[i + 2]) matched = true;
                        i += 3;
                    }
                    else
                    {
                        if (c == lo) matched = true;
                        i++;
                    }
                }
                if (i >= pattern.Length)
                {
                    // No closing bracket: the '[' is an ordinary character.
                    if (c != '[') return false;
                    pi++;
                    return true;
                }
                if (matched == negate) return false;
                pi = i + 1;
                return true;
            }
            if (p != c) return false;
            pi++;
            return true;
        }
    }
}
