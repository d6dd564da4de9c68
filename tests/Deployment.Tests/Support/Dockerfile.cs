using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bus.Deployment.Tests.Support;

/// <summary>A Dockerfile's instructions, with continuation lines joined and comments dropped, grouped by stage.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<Instruction> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<Instruction> Instructions { get; }

    public int StageCount => Instructions.Max(i => i.Stage) + 1;

    public IEnumerable<Instruction> InStage(int stage) => Instructions.Where(i => i.Stage == stage);

    public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public Instruction? LastInFinalStage(string keyword) => InStage(StageCount - 1).LastOrDefault(i => i.Keyword == keyword);

    /// <summary>The image of a stage's FROM line.</summary>
    public string BaseImageOf(int stage) => InStage(stage).First(i => i.Keyword == "FROM").Words[0];

    /// <summary>ENV settings of the final stage (<c>ENV KEY=value</c> form).</summary>
    public IReadOnlyDictionary<string, string> FinalEnvironment =>
        InStage(StageCount - 1).Where(i => i.Keyword == "ENV")
            .SelectMany(i => i.Words)
            .Select(w => w.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : throw new InvalidOperationException($"{Path}: ENV needs KEY=value, not '{p[0]}'"));

    public static Dockerfile Load(string relativePath)
    {
        var instructions = new List<Instruction>();
        var stage = -1;
        var pending = string.Empty;
        foreach (var raw in Repository.Read(relativePath).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var text = (pending + line).Trim();
            pending = string.Empty;
            if (text.Length == 0)
            {
                continue;
            }

            var keyword = text.Split(' ', 2)[0].ToUpperInvariant();
            var arguments = text.Length > keyword.Length ? text[keyword.Length..].Trim() : string.Empty;
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new Instruction(keyword, arguments, Math.Max(stage, 0)));
        }

        return new Dockerfile(relativePath, instructions);
    }

    public sealed record Instruction(string Keyword, string Arguments, int Stage)
    {
        /// <summary>Exec-form arguments (<c>["a", "b"]</c>) or whitespace-separated words; flags (<c>--from=…</c>)
        /// are in <see cref="Flags"/>, not here.</summary>
        public IReadOnlyList<string> Words => ExecForm ?? [.. Split().Where(w => !w.StartsWith("--", StringComparison.Ordinal))];

        public IReadOnlyList<string> Flags => [.. Split().TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))];

        /// <summary>The JSON array of an exec-form instruction (after any flags), or null for shell form.</summary>
        public IReadOnlyList<string>? ExecForm
        {
            get
            {
                var json = ExecPart().Match(Arguments);
                return json.Success ? JsonSerializer.Deserialize<string[]>(json.Value) : null;
            }
        }

        private string[] Split() => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex(@"\[.*\]\s*$")]
    private static partial Regex ExecPart();
}
