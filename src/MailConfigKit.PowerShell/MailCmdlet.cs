using System;
using System.Management.Automation;

namespace MailConfigKit.PowerShell
{
    /// <summary>
    /// What every MailConfigKit cmdlet shares: paths resolved through PowerShell's provider against the current
    /// location (never the process's folder), FileSystem only. Engine types stay in method bodies (no fields or
    /// parameters of them), so that reflecting over the cmdlets at import needs nothing from Dependencies/.
    /// </summary>
    public abstract class MailCmdlet : PSCmdlet
    {
        /// <summary>The file-system path <paramref name="path"/> names, relative paths against the current location.</summary>
        protected string ResolveFileSystemPath(string path, string parameterName)
        {
            string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out PSDriveInfo _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-" + parameterName + " " + path + " is on the " + provider.Name + " provider; MailConfigKit reads and writes files only."),
                    "NotAFileSystemPath", ErrorCategory.InvalidArgument, path));
            }
            return resolved;
        }

        /// <summary>
        /// Resolves <paramref name="path"/> (the value of -<paramref name="parameterName"/>) and runs <paramref name="body"/>
        /// on it; a library refusal becomes a non-terminating error named <paramref name="errorId"/>.
        /// </summary>
        protected void OnPath(string path, string parameterName, string errorId, Action<string> body)
        {
            string resolved = ResolveFileSystemPath(path, parameterName);
            try
            {
                body(resolved);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteFailure(ex, errorId, resolved);
            }
        }

        /// <summary>Turns a library refusal (ArgumentException, InvalidOperationException, I/O) into a non-terminating error for <paramref name="target"/>.</summary>
        protected void WriteFailure(Exception ex, string errorId, object target)
        {
            ErrorCategory category = ex is ArgumentException ? ErrorCategory.InvalidArgument
                : ex is InvalidOperationException ? ErrorCategory.InvalidOperation
                : ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied
                : ex is System.IO.FileNotFoundException ? ErrorCategory.ObjectNotFound
                : ErrorCategory.WriteError;
            WriteError(new ErrorRecord(ex, errorId, category, target));
        }

        /// <summary>A wildcard test for -Name (all names when none is given).</summary>
        protected static Func<string, bool> NameFilter(string[]? names)
        {
            if (names == null || names.Length == 0) return _ => true;
            var patterns = Array.ConvertAll(names, n => new WildcardPattern(n, WildcardOptions.IgnoreCase));
            return name => Array.Exists(patterns, p => p.IsMatch(name));
        }
    }
}
