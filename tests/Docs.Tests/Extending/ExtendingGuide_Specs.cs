using System.Text;
using System.Text.RegularExpressions;
using Bus.Docs.Tests.Infrastructure;
using Bus.Messaging.Gateway;
using Bus.Messaging.Persistence;
using Bus.Messaging.Transport;
using Loyalty;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.Docs.Tests.Extending;

/// <summary>
/// docs/extending.md shows only code that compiles: every C# block names the file it comes from, and each of its lines is in
/// that file, in the same order (the file may have more: XML docs, usings a Web SDK project has implicitly). The example
/// files are compiled with this project and run by its specs. The settings block binds and validates with the example's
/// registration.
/// </summary>
public sealed partial class ExtendingGuide_Specs
{
    private const string Document = "docs/extending.md";

    [Fact]
    public void Every_csharp_block_names_the_file_it_is_taken_from()
    {
        var unmarked = Blocks().Where(b => b.Language == "csharp" && b.Source is null).Select(b => $"line {b.Line}").ToList();

        Assert.True(unmarked.Count == 0, $"{Document}: C# blocks without <!-- compiled: path -->: {string.Join(", ", unmarked)}");
        Assert.True(Blocks().Count(b => b.Source is not null) >= 10, $"{Document} lost its compiled examples");
    }

    [Fact]
    public void Every_line_of_a_compiled_block_is_in_its_file_in_the_same_order()
    {
        var problems = new List<string>();
        foreach (var block in Blocks().Where(b => b.Source is not null))
        {
            if (!File.Exists(Repository.PathOf(block.Source!)))
            {
                problems.Add($"line {block.Line}: {block.Source} does not exist");
                continue;
            }

            var file = Repository.Read(block.Source!).Split('\n').Select(l => l.Trim()).ToList();
            var at = 0;
            foreach (var line in block.Lines.Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                var found = file.IndexOf(line, at);
                if (found < 0)
                {
                    problems.Add($"line {block.Line}: '{line}' is not in {block.Source} after line {at}");
                    break;
                }

                at = found + 1;
            }
        }

        Assert.True(problems.Count == 0, $"{Document}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void The_example_settings_bind_and_pass_validation()
    {
        var json = Assert.Single(Blocks(), b => b.Settings).Lines;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', json)))).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBusTransportOptions(configuration);
        services.AddLoyaltyCore(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TransportKind.RabbitMq, provider.GetRequiredService<IOptions<BusTransportOptions>>().Value.Transport);
        Assert.Equal(DatabaseProvider.Postgres, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider);
        Assert.Equal(8, provider.GetRequiredService<IOptions<LoyaltyOptions>>().Value.OrderConcurrency);
        Assert.Equal(new Uri("http://127.0.0.1:5085/"),
            provider.GetRequiredService<IOptionsMonitor<ExternalSystemOptions>>().Get(LoyaltyServiceExtensions.PlatformName).BaseUrl);
    }

    private static List<CodeBlock> Blocks()
    {
        var lines = Repository.Read(Document).Split('\n');
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var marker = Enumerable.Range(0, i).Reverse().Select(j => lines[j].Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
            var body = new List<string>();
            var start = i + 1;
            for (i++; i < lines.Length && !lines[i].Trim().StartsWith("```", StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add(new CodeBlock(start, fence.Groups[1].Value, Compiled().Match(marker) is { Success: true } m ? m.Groups[1].Value : null,
                marker.StartsWith("<!-- settings:", StringComparison.Ordinal), body));
        }

        return blocks;
    }

    private sealed record CodeBlock(int Line, string Language, string? Source, bool Settings, IReadOnlyList<string> Lines);

    [GeneratedRegex(@"^\s*```(\w*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^<!-- compiled: (\S+) -->$")]
    private static partial Regex Compiled();
}
