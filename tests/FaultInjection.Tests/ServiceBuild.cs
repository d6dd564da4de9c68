using System.Reflection;

namespace Bus.FaultInjection.Tests;

/// <summary>Where the service processes the run starts are: the build output of the projects this test project
/// references, in the configuration it was built in.</summary>
public static class ServiceBuild
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Configuration { get; } =
        typeof(ServiceBuild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string DllOf(string project) =>
        Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", $"Bus.{project}.dll");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bus.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"no Bus.sln above {AppContext.BaseDirectory}");
    }
}
