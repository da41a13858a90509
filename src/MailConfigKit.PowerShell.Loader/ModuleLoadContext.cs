using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace MailConfigKit.PowerShell.Loader
{
    /// <summary>
    /// The module's own load context: MailConfigKit, the module engine and their dependencies (Sprache, DnsClient,
    /// Microsoft.Extensions.Logging.Abstractions, ...) load from the module's Dependencies folder into it, so another
    /// version of any of them already loaded in the session (an Add-Type of Logging.Abstractions 6.0, say) neither
    /// breaks the module nor is broken by it. Framework assemblies (System.*, netstandard) come from the runtime.
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private static readonly object Gate = new object();
        private static ModuleLoadContext? _instance;
        private readonly string _folder;

        private ModuleLoadContext(string folder)
            : base("MailConfigKit", isCollectible: false)
        {
            _folder = folder;
        }

        /// <summary>
        /// Creates the context for <paramref name="dependencyFolder"/> (once per process) and lets PowerShell's default
        /// context find <paramref name="engineAssemblyName"/> in it; nothing else is resolved for the default context.
        /// </summary>
        public static void Register(string dependencyFolder, string engineAssemblyName)
        {
            lock (Gate)
            {
                if (_instance != null) return;
                _instance = new ModuleLoadContext(dependencyFolder);
                ModuleLoadContext context = _instance;
                Default.Resolving += (_, name) =>
                    string.Equals(name.Name, engineAssemblyName, StringComparison.Ordinal) ? context.LoadFromAssemblyName(name) : null;
            }
        }

        /// <summary>Loads every listed assembly into the context now, so a missing or broken file fails the import, not a later call.</summary>
        public static void LoadAll(string[] assemblyNames)
        {
            ModuleLoadContext context = _instance ?? throw new InvalidOperationException("The MailConfigKit load context is not registered.");
            foreach (string name in assemblyNames)
            {
                if (IsFramework(name)) continue;
                context.LoadFromAssemblyName(new AssemblyName(name));
            }
        }

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? name = assemblyName.Name;
            if (name == null || IsFramework(name)) return null;
            string path = Path.Combine(_folder, name + ".dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    "The MailConfigKit module cannot load " + assemblyName.FullName + ": " + path + " is missing. The module folder is incomplete; reinstall it.", path);
            }
            return LoadFromAssemblyPath(path);
        }

        // The runtime's own assemblies: the netstandard2.0 copies in Dependencies are for Windows PowerShell 5.1 only.
        private static bool IsFramework(string name) =>
            name.StartsWith("System.", StringComparison.Ordinal) || name == "System" || name == "netstandard" || name == "mscorlib"
            || name == "Microsoft.Win32.Registry" || name == "Microsoft.Win32.Primitives";
    }
}
