using System.Text.RegularExpressions;

namespace Bus.Docs.Tests.Infrastructure;

/// <summary>A pipe table of a Markdown file: its header cells and rows, with the line each row is on.</summary>
public sealed partial record MarkdownTable(string File, IReadOnlyList<string> Header, IReadOnlyList<MarkdownRow> Rows)
{
    /// <summary>Every table of <paramref name="markdown"/>, outside fenced code blocks.</summary>
    public static IReadOnlyList<MarkdownTable> All(string file, string markdown)
    {
        var tables = new List<MarkdownTable>();
        var lines = markdown.Split('\n');
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced || !IsRow(lines[i]) || i + 1 >= lines.Length || !Separator().IsMatch(lines[i + 1]))
            {
                continue;
            }

            var header = Cells(lines[i]);
            var rows = new List<MarkdownRow>();
            var j = i + 2;
            for (; j < lines.Length && IsRow(lines[j]); j++)
            {
                rows.Add(new MarkdownRow(j + 1, Cells(lines[j])));
            }

            tables.Add(new MarkdownTable(file, header, rows));
            i = j - 1;
        }

        return tables;
    }

    /// <summary>The text of every <c>`code span`</c> in a cell, in order.</summary>
    public static IReadOnlyList<string> CodeSpans(string cell) => [.. CodeSpan().Matches(cell).Select(m => m.Groups[1].Value)];

    private static bool IsRow(string line) => line.StartsWith('|') && line.TrimEnd().EndsWith('|');

    // Splits on pipes that are neither escaped (\|) nor inside a code span.
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var inCode = false;
        var text = line.Trim();
        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length - 1 && text[i + 1] == '|')
            {
                current.Append('|');
                i++;
                continue;
            }

            if (c == '`')
            {
                inCode = !inCode;
            }

            if (c == '|' && !inCode)
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        cells.Add(current.ToString().Trim());
        return [.. cells];
    }

    [GeneratedRegex(@"^\|(\s*:?-+:?\s*\|)+\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex CodeSpan();
}

public sealed record MarkdownRow(int Line, IReadOnlyList<string> Cells);
