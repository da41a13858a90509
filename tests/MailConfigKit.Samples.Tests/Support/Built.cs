using System.Linq;
using System.Reflection;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>Paths the build recorded as assembly metadata (see the project file): the samples and the netstandard2.0 library.</summary>
    public static class Built
    {
        public static string MailDoctorDll => Get("MailDoctorDll");
        public static string ProvisioningDll => Get("ProvisioningDll");
        public static string NetStandardLibraryDll => Get("NetStandardLibraryDll");
        public static string LibraryProject => Get("LibraryProject");
        public static string PowerShellScript => Get("PowerShellScript");
        public static string NuGetPackageRoot => Get("NuGetPackageRoot");
        public static string PowerShellModule => Get("PowerShellModule");

        /// <summary>The bundled demo host tree, copied next to MailDoctor.dll by its build.</summary>
        public static string DemoTree => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(MailDoctorDll)!, "demo");

        private static string Get(string key) =>
            typeof(Built).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
    }
}
