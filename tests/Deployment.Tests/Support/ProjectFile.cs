using System.Xml.Linq;

namespace Bus.Deployment.Tests.Support;

/// <summary>A project of the repository as its .csproj declares it (paths relative to the repository root, '/'-separated).</summary>
public sealed record ProjectFile(string Path, string Folder, string Sdk, string? OutputType, IReadOnlyList<string> ProjectReferences, bool ReferencesAspNetCore)
{
    /// <summary>Directory.Build.props: <c>Bus.$(MSBuildProjectName)</c>, the project's file name.</summary>
    public string AssemblyName => "Bus." + System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The project and every project it references, directly or not.</summary>
    public IReadOnlyList<ProjectFile> Closure()
    {
        var seen = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        var pending = new Stack<ProjectFile>([this]);
        while (pending.TryPop(out var project))
        {
            if (seen.TryAdd(project.Path, project))
            {
                foreach (var reference in project.ProjectReferences)
                {
                    pending.Push(Load(reference));
                }
            }
        }

        return [.. seen.Values.OrderBy(p => p.Path, StringComparer.Ordinal)];
    }

    /// <summary>Whether the app needs the ASP.NET Core shared framework at run time (Web SDK or a framework reference
    /// anywhere in its closure), i.e. the aspnet runtime image rather than the runtime one.</summary>
    public bool NeedsAspNetCore => Closure().Any(p => p.ReferencesAspNetCore);

    public static ProjectFile Load(string relativePath)
    {
        var full = Repository.PathOf(relativePath);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"no project {relativePath}", full);
        }

        var xml = XDocument.Load(full).Root!;
        var directory = System.IO.Path.GetDirectoryName(relativePath)!.Replace('\\', '/');
        var references = xml.Descendants("ProjectReference")
            .Select(r => Normalize(directory + "/" + r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        var sdk = xml.Attribute("Sdk")?.Value ?? string.Empty;
        var aspNet = sdk == "Microsoft.NET.Sdk.Web"
            || xml.Descendants("FrameworkReference").Any(f => f.Attribute("Include")?.Value == "Microsoft.AspNetCore.App");
        return new ProjectFile(relativePath.Replace('\\', '/'), directory, sdk, xml.Descendants("OutputType").FirstOrDefault()?.Value, references, aspNet);
    }

    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
