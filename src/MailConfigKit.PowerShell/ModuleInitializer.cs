using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace MailConfigKit.PowerShell
{
    /// <summary>
    /// Runs when the module is imported: checks that every file of Dependencies/ is there and makes the engine and the
    /// library load from it (in the module's own AssemblyLoadContext on PowerShell 7; through AppDomain.AssemblyResolve
    /// on Windows PowerShell 5.1, which has no load contexts). A missing file fails Import-Module with its path instead
    /// of leaving half-working objects (property getters returning nothing) for later.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        internal const string EngineAssembly = "MailConfigKit.PowerShell.Engine";
        private const string ListFile = "MailConfigKit.dependencies.txt";
        private static readonly object Gate = new object();
        private static bool _done;

        /// <summary>Called by PowerShell on Import-Module.</summary>
        public void OnImport()
        {
            lock (Gate)
            {
                if (_done) return;
                string folder = Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");
                string[] names = RequiredAssemblies(folder);
                if (IsDotNetCore()) RegisterLoadContext(folder, names);
                else AppDomain.CurrentDomain.AssemblyResolve += (_, e) => ResolveFrom(folder, e.Name);
                _done = true;
            }
        }

        private static string[] RequiredAssemblies(string folder)
        {
            string list = Path.Combine(folder, ListFile);
            if (!File.Exists(list)) throw Incomplete(list);
            string[] names = File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            foreach (string name in names)
            {
                string path = Path.Combine(folder, name + ".dll");
                if (!File.Exists(path)) throw Incomplete(path);
            }
            return names;
        }

        private static Exception Incomplete(string path) => new FileNotFoundException(
            "The MailConfigKit module is incomplete: " + path + " is missing. Reinstall the module (see the MailConfigKit README, 'Getting it').", path);

        private static bool IsDotNetCore() => Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader") != null
            && !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        // The load context class is in a net8.0 assembly: this one is netstandard2.0 and cannot derive from it.
        private static void RegisterLoadContext(string folder, string[] names)
        {
            Assembly loader = Assembly.LoadFrom(Path.Combine(folder, "MailConfigKit.PowerShell.Loader.dll"));
            Type context = loader.GetType("MailConfigKit.PowerShell.Loader.ModuleLoadContext", throwOnError: true)!;
            try
            {
                context.GetMethod("Register")!.Invoke(null, new object[] { folder, EngineAssembly });
                context.GetMethod("LoadAll")!.Invoke(null, new object[] { names.Where(n => n != "MailConfigKit.PowerShell.Loader").ToArray() });
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw new InvalidOperationException("The MailConfigKit module could not load its dependencies from " + folder + ": " + ex.InnerException.Message, ex.InnerException);
            }
        }

        private static Assembly? ResolveFrom(string folder, string fullName)
        {
            string name = new AssemblyName(fullName).Name ?? string.Empty;
            string path = Path.Combine(folder, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
