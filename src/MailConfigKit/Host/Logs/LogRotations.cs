using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// The rotations of a log file, from the names in its folder: logrotate's <c>NAME.N</c> and <c>NAME.N.gz</c>, its
    /// dateext <c>NAME-YYYYMMDD</c> (Fedora/RHEL) and <c>NAME-YYYYMMDD.gz</c>, and Postfix's own <c>postfix logrotate</c>
    /// suffix <c>NAME.YYYYMMDD-HHMMSS</c> (<c>.gz</c>). Oldest first: dated ones by date, then numbered ones from the
    /// highest number, then the live file. Rotations compressed with something other than gzip are not read; a note says so.
    /// </summary>
    internal static class LogRotations
    {
        // More rotations than this is not a host but a crafted tree: the newest are kept.
        private const int MaxRotations = 1000;

        private static readonly Regex Numbered = new Regex(@"^\.(?<n>[0-9]{1,6})(?<ext>\.[A-Za-z0-9]{1,4})?$", RegexOptions.CultureInvariant);
        private static readonly Regex Dated = new Regex(@"^[-.](?<d>[0-9]{8}(-[0-9]{6})?)(?<ext>\.[A-Za-z0-9]{1,4})?$", RegexOptions.CultureInvariant);

        /// <summary>
        /// The files of the log <paramref name="relativePath"/> (the live file included when anything is there, even
        /// something unreadable, so that it is reported), oldest first; empty when there is none.
        /// </summary>
        public static List<string> Find(LogDiscovery discovery, string relativePath)
        {
            int slash = relativePath.LastIndexOf('/');
            string folder = slash < 0 ? string.Empty : relativePath.Substring(0, slash);
            string name = relativePath.Substring(slash + 1);
            string prefix = folder.Length == 0 ? string.Empty : folder + "/";
            var dated = new List<KeyValuePair<string, string>>();
            var numbered = new List<KeyValuePair<long, string>>();
            bool live = false;
            foreach (string entry in discovery.Names(folder))
            {
                if (entry == name)
                {
                    live = true;
                    continue;
                }
                if (!entry.StartsWith(name, StringComparison.Ordinal) || entry.Length == name.Length) continue;
                string suffix = entry.Substring(name.Length);
                Match m = Numbered.Match(suffix);
                Match d = m.Success ? m : Dated.Match(suffix);
                if (!d.Success) continue;
                string ext = d.Groups["ext"].Value;
                if (ext.Length > 0 && ext != ".gz")
                {
                    if (IsCompression(ext)) discovery.Note(prefix + entry + ": compressed with " + ext.Substring(1) + ", which is not read.");
                    continue;
                }
                if (m.Success) numbered.Add(new KeyValuePair<long, string>(long.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), prefix + entry));
                else dated.Add(new KeyValuePair<string, string>(d.Groups["d"].Value, prefix + entry));
            }
            dated.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key) != 0 ? string.CompareOrdinal(a.Key, b.Key) : string.CompareOrdinal(a.Value, b.Value));
            // The highest number is the oldest; NAME.1 before NAME.1.gz would be odd, but keep a stable order for both.
            numbered.Sort((a, b) => a.Key != b.Key ? b.Key.CompareTo(a.Key) : string.CompareOrdinal(b.Value, a.Value));
            var result = new List<string>();
            foreach (var x in dated) result.Add(x.Value);
            foreach (var x in numbered) result.Add(x.Value);
            if (live) result.Add(relativePath);
            if (result.Count > MaxRotations)
            {
                discovery.Note(relativePath + " has " + result.Count + " rotations; only the newest " + MaxRotations + " are read.");
                result.RemoveRange(0, result.Count - MaxRotations);
            }
            return result;
        }

        private static bool IsCompression(string ext) =>
            ext == ".xz" || ext == ".bz2" || ext == ".zst" || ext == ".lz4" || ext == ".lzma" || ext == ".lzo" || ext == ".Z" || ext == ".zstd";
    }
}
