using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Bus.Docs.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Bus.Docs.Tests.Configuration;

/// <summary>
/// docs/configuration.md against the code: every key of every options class is documented once, every documented key
/// exists, and its environment variable, type, default and validation rules are the ones the code has; every
/// appsettings.json value that differs from the code default is listed with its value.
/// </summary>
public sealed class ConfigurationReference_Specs
{
    private const string Document = "docs/configuration.md";

    private static readonly string[] OptionHeader = ["key", "environment variable", "type", "default", "rules", "meaning"];

    // Settings of the hosts themselves (ASP.NET Core's listen URLs, logging filters), documented in prose.
    private static readonly string[] HostSections = ["Logging", "Urls"];

    private static readonly IReadOnlyList<MarkdownTable> Tables = MarkdownTable.All(Document, Repository.Read(Document));

    private static IEnumerable<MarkdownRow> OptionRows =>
        Tables.Where(t => t.Header.SequenceEqual(OptionHeader)).SelectMany(t => t.Rows);

    [Fact]
    public void Every_key_of_every_options_class_is_documented_exactly_once()
    {
        var documented = OptionRows.Select(r => OptionTree.Normalize(KeyOf(r))).ToList();

        var missing = OptionTree.Leaves.Select(l => l.Key).Where(k => !documented.Contains(k)).ToList();
        var repeated = documented.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(missing.Count == 0 && repeated.Count == 0,
            $"{Document}: not documented: {string.Join(", ", missing)}; documented more than once: {string.Join(", ", repeated)}");
    }

    [Fact]
    public void Every_documented_key_is_bound_by_an_options_class()
    {
        var keys = OptionTree.Leaves.Select(l => l.Key).ToHashSet();

        var unknown = OptionRows.Where(r => !keys.Contains(OptionTree.Normalize(KeyOf(r)))).Select(r => $"line {r.Line}: {KeyOf(r)}").ToList();

        Assert.True(unknown.Count == 0, $"{Document} documents keys no options class binds: {string.Join("; ", unknown)}");
    }

    [Fact]
    public void Each_environment_variable_is_its_key_with_double_underscores()
    {
        var wrong = OptionRows
            .Where(r => MarkdownTable.CodeSpans(r.Cells[1]) is not [var variable] || variable != KeyOf(r).Replace(":", "__", StringComparison.Ordinal))
            .Select(r => $"line {r.Line}: {r.Cells[1]}")
            .ToList();

        Assert.True(wrong.Count == 0, $"{Document}: wrong environment variables: {string.Join("; ", wrong)}");
    }

    [Fact]
    public void Each_documented_type_is_the_property_type()
    {
        var wrong = new List<string>();
        foreach (var (row, leaf) in DocumentedLeaves())
        {
            var expected = OptionTree.TypeName(leaf.ValueType);
            if (row.Cells[2] != expected)
            {
                wrong.Add($"line {row.Line} {leaf.Key}: '{row.Cells[2]}', the code has '{expected}'");
            }
        }

        Assert.True(wrong.Count == 0, $"{Document}: {string.Join("; ", wrong)}");
    }

    [Fact]
    public void Each_documented_default_is_the_value_the_options_class_starts_with()
    {
        var wrong = new List<string>();
        foreach (var (row, leaf) in DocumentedLeaves())
        {
            var cell = row.Cells[3];
            object? documented;
            if (MarkdownTable.CodeSpans(cell) is [var value, ..])
            {
                documented = OptionTree.TryConvert(leaf.ValueType, value);
            }
            else if (cell.StartsWith("none", StringComparison.Ordinal))
            {
                documented = null;
            }
            else if (cell.StartsWith("empty", StringComparison.Ordinal))
            {
                documented = leaf.ValueType == typeof(string) ? string.Empty : leaf.Default;
            }
            else
            {
                wrong.Add($"line {row.Line} {leaf.Key}: default '{cell}' is neither a `value`, 'none' nor 'empty'");
                continue;
            }

            var actual = leaf.Default is ICollection { Count: 0 } ? null : leaf.Default;
            if (!Equals(documented, actual))
            {
                wrong.Add($"line {row.Line} {leaf.Key}: documented default '{cell}', the code starts with '{OptionTree.Invariant(actual)}'");
            }
        }

        Assert.True(wrong.Count == 0, $"{Document}: {string.Join("; ", wrong)}");
    }

    [Fact]
    public void Each_validation_attribute_is_named_in_the_rules()
    {
        var wrong = new List<string>();
        foreach (var (row, leaf) in DocumentedLeaves())
        {
            var rules = row.Cells[4];
            var values = MarkdownTable.CodeSpans(rules).Select(s => OptionTree.TryConvert(leaf.ValueType, s)).Where(v => v is not null).ToList();
            foreach (var attribute in leaf.Property.GetCustomAttributes<ValidationAttribute>())
            {
                var named = attribute switch
                {
                    RequiredAttribute => rules.Contains("required", StringComparison.OrdinalIgnoreCase),
                    RangeAttribute range => values.Contains(Bound(leaf, range.Minimum)) && values.Contains(Bound(leaf, range.Maximum)),
                    MinLengthAttribute length => rules.Contains($"at least `{length.Length}` characters", StringComparison.Ordinal),
                    RegularExpressionAttribute pattern => MarkdownTable.CodeSpans(rules).Contains(pattern.Pattern),
                    _ => false,
                };
                if (!named)
                {
                    wrong.Add($"line {row.Line} {leaf.Key}: rules '{rules}' do not state [{attribute.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal)}]");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{Document}: {string.Join("; ", wrong)}");
    }

    [Fact]
    public void Every_options_class_of_the_components_is_reached_from_a_documented_section()
    {
        var sections = OptionTree.Sections.Select(s => (s.Prefix, s.OptionsType)).ToHashSet();
        var problems = new List<string>();
        foreach (var type in OptionTree.Assemblies.SelectMany(a => a.GetExportedTypes()).Where(t => t.IsClass && !t.IsGenericType))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string section
                && !sections.Contains((section, type)))
            {
                problems.Add($"{type.FullName} binds section '{section}', which OptionTree.Sections does not list");
            }

            if (type.Name.EndsWith("Options", StringComparison.Ordinal) && !OptionTree.ReachedTypes.Contains(type))
            {
                problems.Add($"{type.FullName} is not reached from any section");
            }
        }

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public void Each_appsettings_file_lists_exactly_the_values_that_differ_from_the_code_defaults()
    {
        var problems = new List<string>();
        var listed = Tables.Where(t => t.Header.Count == 2 && t.Header[1] == "value" && t.Header[0].StartsWith("set in ", StringComparison.Ordinal)).ToList();
        var files = listed.Select(t => MarkdownTable.CodeSpans(t.Header[0]).Single()).ToList();
        var shipped = Directory.GetDirectories(Repository.PathOf("src"))
            .Select(d => Path.Combine(d, "appsettings.json"))
            .Where(File.Exists)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(shipped, files.Order(StringComparer.Ordinal).ToList());

        foreach (var (table, file) in listed.Zip(files))
        {
            var expected = Differing(file, problems);
            var documented = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in table.Rows)
            {
                var key = MarkdownTable.CodeSpans(row.Cells[0]).Single();
                var value = MarkdownTable.CodeSpans(row.Cells[1]) is [var v, ..] ? v : row.Cells[1];
                if (!documented.TryAdd(key, value))
                {
                    problems.Add($"{file}: {key} is listed twice");
                }
            }

            foreach (var (key, (leaf, value)) in expected)
            {
                if (!documented.TryGetValue(key, out var text))
                {
                    problems.Add($"{file} sets {key} = {OptionTree.Invariant(value)}, not listed in its table");
                }
                else if (!Equals(OptionTree.TryConvert(leaf.ValueType, text), value))
                {
                    problems.Add($"{file} sets {key} = {OptionTree.Invariant(value)}, the table says {text}");
                }
            }

            problems.AddRange(documented.Keys.Where(k => !expected.ContainsKey(k))
                .Select(k => $"the table of {file} lists {k}, which the file does not set to a value other than the default"));
        }

        Assert.True(problems.Count == 0, $"{Document}: {string.Join("; ", problems)}");
    }

    private static Dictionary<string, (OptionLeaf Leaf, object? Value)> Differing(string file, List<string> problems)
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Repository.PathOf(file), optional: false).Build();
        var differing = new Dictionary<string, (OptionLeaf, object?)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, text) in settings.AsEnumerable())
        {
            if (text is null || HostSections.Contains(key.Split(':')[0], StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (OptionTree.Resolve(key) is not { } leaf)
            {
                problems.Add($"{file} sets {key}, which no options class binds");
                continue;
            }

            var value = text.Length == 0 && leaf.ValueType != typeof(string) ? null : OptionTree.Convert(leaf.ValueType, text);
            var unset = value is null || value is string { Length: 0 };
            var defaultUnset = leaf.Default is null || leaf.Default is string { Length: 0 };
            if (!(unset && defaultUnset) && !Equals(value, leaf.Default))
            {
                differing[key] = (leaf, value);
            }
        }

        return differing;
    }

    private static object? Bound(OptionLeaf leaf, object bound) => OptionTree.TryConvert(leaf.ValueType, OptionTree.Invariant(bound));

    private static string KeyOf(MarkdownRow row) =>
        MarkdownTable.CodeSpans(row.Cells[0]) is [var key] ? key : throw new InvalidOperationException($"{Document} line {row.Line}: the key cell must be one `code span`");

    private static IEnumerable<(MarkdownRow Row, OptionLeaf Leaf)> DocumentedLeaves()
    {
        var leaves = OptionTree.Leaves.ToDictionary(l => l.Key);
        foreach (var row in OptionRows)
        {
            if (leaves.TryGetValue(OptionTree.Normalize(KeyOf(row)), out var leaf))
            {
                yield return (row, leaf);
            }
        }
    }
}
