using System.Reflection;
using Bus.TestSupport;

namespace Bus.FaultInjection.Tests;

/// <summary>Where the service processes the run starts are: the build output of the projects this test project
/// references, in the configuration it was built in.</summary>
public static class ServiceBuild
{
    public static string RepositoryRoot => Checkout.Root;

    public static string Configuration { get; } =
        typeof(ServiceBuild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string DllOf(string project) =>
        Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", $"Bus.{project}.dll");
}
