using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>
    /// The netstandard2.0 MailConfigKit.dll in a load context of its own, the way PowerShell meets it: nothing in this
    /// test assembly references the library, so every call is late-bound. Sprache and the Microsoft.Extensions.* packages
    /// come from the NuGet cache (lib/netstandard2.0, as the script's lib folder would hold them); everything else
    /// (System.*, netstandard) falls through to the runtime, as in PowerShell 7.
    /// </summary>
    public sealed class LibraryLoadContext : AssemblyLoadContext
    {
        private static readonly Lazy<LibraryLoadContext> Shared = new Lazy<LibraryLoadContext>(() => new LibraryLoadContext());

        private LibraryLoadContext()
            : base("MailConfigKit (netstandard2.0)", isCollectible: false)
        {
            Library = LoadFromAssemblyPath(Built.NetStandardLibraryDll);
        }

        public static LibraryLoadContext Instance => Shared.Value;

        public Assembly Library { get; }

        public Type Type(string fullName) => Library.GetType(fullName, throwOnError: true)!;

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == null || !(name.Name == "Sprache" || name.Name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))) return null;
            string packageFolder = Path.Combine(Built.NuGetPackageRoot, name.Name.ToLowerInvariant());
            if (!Directory.Exists(packageFolder)) return null;
            // The newest cached version whose netstandard2.0 build satisfies the reference.
            string? path = Directory.GetDirectories(packageFolder)
                .Select(v => Path.Combine(v, "lib", "netstandard2.0", name.Name + ".dll"))
                .Where(File.Exists)
                .Where(p => AssemblyName.GetAssemblyName(p).Version >= (name.Version ?? new Version(0, 0)))
                .OrderByDescending(p => AssemblyName.GetAssemblyName(p).Version)
                .FirstOrDefault();
            return path == null ? null : LoadFromAssemblyPath(path);
        }
    }
}
