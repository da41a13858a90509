using System;
using System.Collections.Generic;
using System.IO;
using MailConfigKit.IO;

namespace MailConfigKit.Host
{
    /// <summary>
    /// Resolves a path inside a host root the way the host itself would see it (chroot semantics), so that a tree copied
    /// from an image works like the live system while nothing outside the root is ever read or written: an absolute
    /// symbolic link target starts again at the root, and a <c>..</c> that would climb above the root is refused.
    /// </summary>
    internal static class RootedPath
    {
        // Linux's own limit on links followed while resolving one path (MAXSYMLINKS).
        private const int MaxLinks = 40;

        public static string Resolve(string root, string relativePath)
        {
            if (relativePath == null) throw new ArgumentNullException(nameof(relativePath));
            if (relativePath.IndexOf('\0') >= 0) throw new ArgumentException("A path cannot contain a NUL character.", nameof(relativePath));
            if (!UnixNative.IsUnix) return ResolveLexically(root, relativePath);

            bool isSystemRoot = root == "/";
            var pending = new LinkedList<string>(Split(relativePath));
            var resolved = new List<string>();
            int links = 0;
            while (pending.Count > 0)
            {
                string part = pending.First!.Value;
                pending.RemoveFirst();
                if (part.Length == 0 || part == ".") continue;
                if (part == "..")
                {
                    if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                    else if (!isSystemRoot) throw Outside(root, relativePath);
                    continue;
                }
                string candidate = Join(root, resolved, part);
                if (!UnixNative.TryStat(candidate, followLinks: false, out FileOwnership st) || !st.IsSymbolicLink)
                {
                    resolved.Add(part);
                    continue;
                }
                if (++links > MaxLinks) throw new HostPathException(root, relativePath, "Too many levels of symbolic links resolving " + relativePath + " under " + root + ".");
                string? target = UnixNative.ReadLink(candidate);
                if (target == null) throw new HostPathException(root, relativePath, "Cannot read the symbolic link " + candidate + ".");
                if (target.StartsWith("/", StringComparison.Ordinal)) resolved.Clear();
                string[] targetParts = Split(target);
                for (int i = targetParts.Length - 1; i >= 0; i--) pending.AddFirst(targetParts[i]);
            }
            return resolved.Count == 0 ? root : Join(root, resolved, null);
        }

        private static string ResolveLexically(string root, string relativePath)
        {
            string full = Path.GetFullPath(Path.Combine(root, relativePath.TrimStart('/', '\\')));
            string normalizedRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
            if (!full.StartsWith(normalizedRoot, StringComparison.OrdinalIgnoreCase)) throw Outside(root, relativePath);
            return full;
        }

        private static string[] Split(string path) => path.Split('/');

        private static string Join(string root, List<string> parts, string? last)
        {
            string joined = string.Join("/", parts);
            if (last != null) joined = joined.Length == 0 ? last : joined + "/" + last;
            return root == "/" ? "/" + joined : root + "/" + joined;
        }

        private static HostPathException Outside(string root, string relativePath) =>
            new HostPathException(root, relativePath, relativePath + " leads outside the host root " + root + " (through '..' or a symbolic link); refused.");
    }
}
