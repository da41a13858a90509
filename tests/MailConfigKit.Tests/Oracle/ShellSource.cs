using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>
    /// Sources a file with the real dash exactly as Debian's update-exim4.conf does (<c>set -e -C -f; . FILE</c>, the
    /// path containing a '/' so that <c>.</c> does not search PATH) and reports the variables it left behind.
    /// One sh process per file (a few ms).
    /// </summary>
    public static partial class ShellSource
    {
        /// <summary>The name the file gets in its temp folder; it shows up in dash's error messages as <c>./NAME</c>.</summary>
        public const string DefaultFileName = "update-exim4.conf.conf";

        public static ShellSourceResult Source(string file, params string[] variableNames) =>
            Source(Encoding.UTF8.GetBytes(file), variableNames);

        public static ShellSourceResult Source(byte[] file, params string[] variableNames) =>
            Source(file, DefaultFileName, variableNames);

        /// <param name="env">Extra variables for sh; by default it sees only PATH and HOME.</param>
        public static ShellSourceResult Source(
            byte[] file,
            string fileName,
            IReadOnlyList<string> variableNames,
            IReadOnlyDictionary<string, string?>? env = null)
        {
            if (fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\'', StringComparison.Ordinal) || fileName is "" or "." or "..")
            {
                throw new ArgumentException("A plain file name is expected", nameof(fileName));
            }

            foreach (var name in variableNames)
            {
                if (!VariableName().IsMatch(name))
                {
                    throw new ArgumentException($"Not a shell variable name: '{name}'", nameof(variableNames));
                }
            }

            var tools = OracleTools.RequireOrIgnore();
            var folder = Directory.CreateTempSubdirectory("mck-sh-").FullName;
            try
            {
                File.WriteAllBytes(Path.Combine(folder, fileName), file);

                // The token separates the file's own stdout from ours; the file cannot guess it. Values are framed as
                // "S<value>\0" (set) or "U\0" (unset): sh variables cannot hold NUL, so this survives any content.
                // `command` skips any function the file may have defined with the same name.
                var token = "@@mck-" + Guid.NewGuid().ToString("N") + "@@";
                var script = new StringBuilder("set -e -C -f; . ./").Append(fileName).Append("; command printf '%s' '").Append(token).Append('\'');
                if (variableNames.Count > 0)
                {
                    script.Append("; command printf '%s\\0'");
                    foreach (var name in variableNames)
                    {
                        script.Append(" \"${").Append(name).Append("+S}${").Append(name).Append("-U}\"");
                    }
                }

                var environment = new Dictionary<string, string?>
                {
                    ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin",
                    ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root",
                };
                foreach (var pair in env ?? new Dictionary<string, string?>())
                {
                    environment[pair.Key] = pair.Value;
                }

                var process = ProcessRunner.Run(
                    tools.Sh,
                    new[] { "-c", script.ToString(), "sh" }, // $0 = "sh": messages read "sh: LINE: ./FILE: ...", as in the spec
                    env: environment,
                    timeout: TimeSpan.FromSeconds(20),
                    workingDirectory: folder,
                    inheritEnvironment: false);
                return Parse(process, Encoding.ASCII.GetBytes(token), variableNames);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static ShellSourceResult Parse(ProcessResult process, byte[] token, IReadOnlyList<string> names)
        {
            var stdout = process.StdoutBytes;
            var at = stdout.AsSpan().LastIndexOf(token);
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (at < 0)
            {
                return new ShellSourceResult(process, false, values, stdout);
            }

            var fields = Encoding.UTF8.GetString(stdout, at + token.Length, stdout.Length - at - token.Length).Split('\0');
            // n fields, each ended by NUL, give n + 1 pieces with an empty last one.
            if (fields.Length != names.Count + 1 || fields[^1].Length != 0)
            {
                throw new InvalidOperationException("Unexpected output framing from sh: " + process.Describe());
            }

            for (var i = 0; i < names.Count; i++)
            {
                values[names[i]] = fields[i] switch
                {
                    "U" => null,
                    var f when f.StartsWith('S') => f[1..],
                    _ => throw new InvalidOperationException("Unexpected output framing from sh: " + process.Describe()),
                };
            }

            return new ShellSourceResult(process, true, values, stdout[..at]);
        }

        [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
        private static partial Regex VariableName();
    }
}
