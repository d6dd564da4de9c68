namespace Bus.Deployment.Tests.Support;

/// <summary>The checkout the tests run in: the files under test are the repository's own, not copies in the output.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bus.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Bus.sln above {AppContext.BaseDirectory}");
    }
}
