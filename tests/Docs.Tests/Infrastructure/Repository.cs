using Bus.TestSupport;

namespace Bus.Docs.Tests.Infrastructure;

/// <summary>Files of the repository the specs compare with the code.</summary>
public static class Repository
{
    public static string Root => Checkout.Root;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath)).ReplaceLineEndings("\n");
}
