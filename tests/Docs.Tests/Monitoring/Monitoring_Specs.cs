using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using Bus.Docs.Tests.Infrastructure;
using Bus.StreamBridge.Pipeline;
using MassTransit.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Docs.Tests.Monitoring;

/// <summary>docs/monitoring.md's instrument tables against the bridge's meter and MassTransit 8.5.12's instrument names.</summary>
public sealed partial class Monitoring_Specs
{
    private const string Document = "docs/monitoring.md";

    private static readonly IReadOnlyList<MarkdownTable> Tables = MarkdownTable.All(Document, Repository.Read(Document));

    [Fact]
    public void The_bridge_instruments_are_documented_with_their_type_unit_and_tags()
    {
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var instruments = new Dictionary<string, (string Type, string? Unit, SortedSet<string> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BridgeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                instruments[instrument.Name] = (instrument.GetType().Name.Split('`')[0].ToLowerInvariant(), instrument.Unit, []);
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Tagged(instrument, tags));
        listener.SetMeasurementEventCallback<int>((instrument, _, tags, _) => Tagged(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Tagged(instrument, tags));
        listener.Start();

        var metrics = new BridgeMetrics(factory);
        metrics.Record("published");
        metrics.EventPublished("OrderShipped", TimeSpan.FromSeconds(1));
        metrics.Batch(3);

        var documented = Rows("instrument (meter `Bus.StreamBridge`)")
            .Select(r => (Name: Code(r.Cells[0]), Type: r.Cells[1], Unit: Code(r.Cells[2]), Tags: string.Join(",", MarkdownTable.CodeSpans(r.Cells[3]).Order(StringComparer.Ordinal))))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var actual = instruments.Select(i => (Name: i.Key, i.Value.Type, Unit: i.Value.Unit ?? string.Empty, Tags: string.Join(",", i.Value.Tags)))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(actual, documented);

        void Tagged(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                instruments[instrument.Name].Tags.Add(tag.Key);
            }
        }
    }

    [Fact]
    public void Every_record_outcome_the_bridge_counts_is_documented()
    {
        var counted = RecordOutcome().Matches(Repository.Read("src/StreamBridge/Pipeline/BatchProcessor.cs")).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        var documented = Rows("`outcome`").Select(r => Code(r.Cells[0])).Order(StringComparer.Ordinal);

        Assert.Equal(counted, documented);
    }

    [Fact]
    public void Every_masstransit_name_in_the_document_is_an_instrument_or_tag_of_masstransit()
    {
        var options = new InstrumentationOptions();
        new ConfigureDefaultInstrumentationOptions().Configure(options);
        var names = typeof(InstrumentationOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => (string?)p.GetValue(options))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var rows = Rows("instrument (meter `MassTransit`)").ToList();
        var wrongUnits = rows.Where(r => Code(r.Cells[1]) != (Code(r.Cells[0]).EndsWith(".duration", StringComparison.Ordinal) ? "ms" : "ea"))
            .Select(r => Code(r.Cells[0]));
        var unknown = MasstransitName().Matches(Repository.Read(Document)).Select(m => m.Value).Distinct().Where(n => !names.Contains(n));

        Assert.True(rows.Count >= 10, $"{Document} lost its MassTransit instruments");
        Assert.Empty(unknown);
        Assert.Empty(wrongUnits);
    }

    private static IEnumerable<MarkdownRow> Rows(string firstHeader) =>
        Tables.Where(t => t.Header[0] == firstHeader).SelectMany(t => t.Rows);

    private static string Code(string cell) => MarkdownTable.CodeSpans(cell) is [var code, ..] ? code : string.Empty;

    [GeneratedRegex("""metrics\.Record\("(\w+)"\s*,""")]
    private static partial Regex RecordOutcome();

    [GeneratedRegex(@"messaging\.masstransit\.[a-z_.]*[a-z_]")]
    private static partial Regex MasstransitName();
}
