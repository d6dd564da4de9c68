namespace Bus.Docs.Tests.Infrastructure;

/// <summary>Files of the repository the specs compare with the code.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath)).ReplaceLineEndings("\n");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bus.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Bus.sln above {AppContext.BaseDirectory}");
    }
}
