namespace Bus.TestSupport;

/// <summary>The checkout the tests run in: the nearest directory above the test assembly that holds <c>Bus.sln</c>.</summary>
public static class Checkout
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bus.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Bus.sln above {AppContext.BaseDirectory}");
    }
}
