using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bus.Deployment.Tests.Support;

/// <summary>docker-compose.yml as the tests read it: services with their build, environment, dependencies and probes.</summary>
public sealed class ComposeFile
{
    private ComposeFile(JsonObject root)
    {
        Root = root;
        Services = root["services"]!.AsObject().ToDictionary(s => s.Key, s => new ComposeService(s.Key, s.Value!.AsObject()), StringComparer.Ordinal);
    }

    public const string FileName = "docker-compose.yml";

    public JsonObject Root { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public IEnumerable<ComposeService> Built => Services.Values.Where(s => s.Build is not null);

    /// <summary>The services built from <paramref name="projectFolder"/> (e.g. <c>src/StandIns</c>).</summary>
    public IEnumerable<ComposeService> BuiltFrom(string projectFolder) => Built.Where(s => s.Project.Folder == projectFolder);

    public ComposeService ByImage(string imagePrefix) =>
        Services.Values.Single(s => s.Image?.StartsWith(imagePrefix, StringComparison.Ordinal) == true);

    public static ComposeFile Load() => new(Yaml.LoadFile(FileName));
}

public sealed partial class ComposeService(string name, JsonObject node)
{
    public string Name { get; } = name;

    public JsonObject Node { get; } = node;

    public string? Image => Node["image"]?.GetValue<string>();

    /// <summary>The build's Dockerfile relative to the repository root, or null for an image-only service.</summary>
    public string? Build => Node["build"] switch
    {
        null => null,
        JsonValue context => Combine(context.GetValue<string>(), "Dockerfile"),
        JsonObject build => Combine(build["context"]?.GetValue<string>() ?? ".", build["dockerfile"]?.GetValue<string>() ?? "Dockerfile"),
        _ => throw new InvalidOperationException($"{Name}: unexpected build"),
    };

    public string? BuildContext => Node["build"] switch
    {
        null => null,
        JsonValue context => context.GetValue<string>(),
        JsonObject build => build["context"]?.GetValue<string>() ?? ".",
        _ => null,
    };

    public Dockerfile Dockerfile => Dockerfile.Load(Build ?? throw new InvalidOperationException($"{Name} is not built"));

    /// <summary>The project the Dockerfile publishes (its <c>dotnet publish</c> line).</summary>
    public ProjectFile Project
    {
        get
        {
            var publish = Dockerfile.All("RUN").Select(r => PublishedProject().Match(r.Arguments)).Single(m => m.Success);
            return ProjectFile.Load(publish.Groups["path"].Value);
        }
    }

    /// <summary>Environment as compose gives it to the container: the mapping form or the <c>KEY=value</c> list form.</summary>
    public IReadOnlyDictionary<string, string> Environment => Node["environment"] switch
    {
        null => new Dictionary<string, string>(),
        JsonObject map => map.ToDictionary(e => e.Key, e => e.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal),
        JsonArray list => list.Select(e => e!.GetValue<string>().Split('=', 2)).ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : string.Empty, StringComparer.Ordinal),
        _ => throw new InvalidOperationException($"{Name}: unexpected environment"),
    };

    /// <summary>Dependency name → condition (the short list form means <c>service_started</c>).</summary>
    public IReadOnlyDictionary<string, string> DependsOn => Node["depends_on"] switch
    {
        null => new Dictionary<string, string>(),
        JsonArray list => list.ToDictionary(d => d!.GetValue<string>(), _ => "service_started"),
        JsonObject map => map.ToDictionary(d => d.Key, d => d.Value?["condition"]?.GetValue<string>() ?? "service_started"),
        _ => throw new InvalidOperationException($"{Name}: unexpected depends_on"),
    };

    public IReadOnlyList<string>? HealthcheckTest => Node["healthcheck"]?["test"] switch
    {
        null => null,
        JsonArray test => [.. test.Select(t => t!.GetValue<string>())],
        JsonValue shell => ["CMD-SHELL", shell.GetValue<string>()],
        _ => null,
    };

    public IReadOnlyList<string>? Command => Node["command"] switch
    {
        null => null,
        JsonArray command => [.. command.Select(c => c!.GetValue<string>())],
        JsonValue shell => shell.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries),
        _ => null,
    };

    public string? Restart => Node["restart"]?.GetValue<string>();

    /// <summary>Published ports as (host, container).</summary>
    public IReadOnlyList<(int Host, int Container)> Ports =>
        Node["ports"] is JsonArray ports
            ? [.. ports.Select(p => p!.GetValue<string>().Split(':')).Select(p => (int.Parse(p[^2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[^1], System.Globalization.CultureInfo.InvariantCulture)))]
            : [];

    private static string Combine(string context, string dockerfile) =>
        Path.GetRelativePath(Repository.Root, Path.Combine(Repository.PathOf(context), dockerfile)).Replace('\\', '/');

    [GeneratedRegex(@"dotnet publish (?<path>\S+\.csproj)")]
    private static partial Regex PublishedProject();
}
