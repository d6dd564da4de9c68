using Bus.TestSupport;

namespace Bus.Deployment.Tests.Support;

/// <summary>The checkout the tests run in: the files under test are the repository's own, not copies in the output.</summary>
public static class Repository
{
    public static string Root => Checkout.Root;

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
