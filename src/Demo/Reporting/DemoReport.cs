using System.Globalization;
using Bus.StandIns;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Bus.Demo.Reporting;

/// <summary>The run as tables: per external system what it received, per service what it consumed, and the totals.</summary>
public static class DemoReport
{
    public static void Render(IAnsiConsole console, DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(outcome);
        console.Write(new Rule("[bold]What the external systems received[/]").LeftJustified());
        foreach (var system in StandInSystems.All)
        {
            console.Write(SystemTable(outcome, system));
        }

        console.Write(new Rule("[bold]Batches[/]").LeftJustified());
        console.Write(FilesTable(outcome));
        console.Write(new Rule("[bold]Consumer services[/]").LeftJustified());
        console.Write(ServicesTable(outcome));
        console.Write(new Rule("[bold]Totals[/]").LeftJustified());
        console.Write(TotalsGrid(outcome));
        foreach (var line in Problems(outcome))
        {
            console.MarkupLine($"[red]{Markup.Escape(line)}[/]");
        }

        if (outcome.Succeeded)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Every record published, every message consumed, {outcome.Effects.TotalPerformed} external effects performed once each ({outcome.Elapsed.TotalSeconds:0.0} s).")));
        }
    }

    /// <summary>Why a run did not succeed, one line each; empty when it did.</summary>
    public static IReadOnlyList<string> Problems(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var problems = new List<string>();
        foreach (var failure in outcome.FailedRecords)
        {
            var where = failure.Stored ? $"stored in {outcome.FailedRecordsDirectory}" : "reported in batchItemFailures for Lambda to retry";
            problems.Add($"failed record: {failure.File}, event {failure.Event}, record {failure.Position} " +
                $"(eventID {failure.EventId ?? "?"}, sequence number {failure.SequenceNumber ?? "?"}): {failure.Reason}; {where}");
        }

        var notAttempted = outcome.Totals.NotAttempted + (outcome.Redelivery?.Totals.NotAttempted ?? 0);
        if (notAttempted > 0)
        {
            problems.Add($"{notAttempted} record(s) not attempted after an earlier record of the same item failed; Lambda would deliver them again");
        }

        foreach (var fault in outcome.Faults)
        {
            problems.Add($"{fault.Service} gave up on a {fault.MessageType} (moved to {fault.Queue}_error): {fault.Reason}");
        }

        if (!outcome.Quiet)
        {
            problems.Add("the services were still busy when the wait timed out: the counts above are incomplete (raise --timeout)");
        }

        return problems;
    }

    private static Table SystemTable(DemoOutcome outcome, string system)
    {
        var effects = outcome.Effects[system];
        var title = string.Create(CultureInfo.InvariantCulture, $"{system}: {effects.Performed} performed, {effects.Duplicates} duplicate calls");
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded, Expand = false };
        table.AddColumns("#", "received", "what", "about", "detail");
        var n = 0;
        foreach (var effect in effects.Effects)
        {
            var row = EffectRows.Describe(effect);
            n++;
            table.AddRow(Cells(n.ToString(CultureInfo.InvariantCulture), effect.ReceivedUtc.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                row.Action, row.Subject, row.Detail));
        }

        if (n == 0)
        {
            table.AddRow(Cells("-", "-", "nothing", "-", "-"));
        }

        return table;
    }

    private static Table FilesTable(DemoOutcome outcome)
    {
        var table = new Table { Border = TableBorder.Rounded };
        table.AddColumns("file", "records", "published", "events", "skipped", "stored", "failed");
        foreach (var file in outcome.Files)
        {
            var t = file.Totals;
            table.AddRow(Cells(file.Name, N(t.Records), N(t.Published), N(t.Events), N(t.Skipped), N(t.Stored), N(t.Failed + t.NotAttempted)));
        }

        if (outcome.Redelivery is { } again)
        {
            var t = again.Totals;
            table.AddRow(Cells($"{Path.GetFileName(again.File)} (batch {again.Event}) redelivered", N(t.Records),
                N(t.Published), N(t.Events), N(t.Skipped), N(t.Stored), N(t.Failed + t.NotAttempted)));
        }

        return table;
    }

    private static Table ServicesTable(DemoOutcome outcome)
    {
        var table = new Table { Border = TableBorder.Rounded };
        table.AddColumns("service", "messages consumed", "duplicates dropped by its inbox", "faulted");
        foreach (var service in outcome.Services)
        {
            table.AddRow(Cells(service.Service, N(service.Consumed), N(service.DuplicatesDropped), N(service.Faulted)));
        }

        return table;
    }

    private static Grid TotalsGrid(DemoOutcome outcome)
    {
        var totals = outcome.Totals;
        var failed = outcome.FailedRecords.Count();
        var grid = new Grid().AddColumn().AddColumn();
        void Line(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Line("files", N(outcome.Files.Count));
        Line("records", N(totals.Records));
        Line("events published", N(totals.Events) + (outcome.Redelivery is { } again ? $" (+{N(again.Totals.Events)} redelivered)" : string.Empty));
        Line("stream duplicates dropped by the bridge", N(totals.Duplicates));
        Line("messages consumed", N(outcome.Services.Sum(s => s.Consumed)));
        Line("duplicates dropped by inboxes", N(outcome.Services.Sum(s => s.DuplicatesDropped)));
        Line("external effects", N(outcome.Effects.TotalPerformed));
        Line("duplicate calls at the external systems", N(outcome.Effects.TotalDuplicates));
        Line("failed records", failed == 0 ? "0" : $"{N(failed)} (stored in {outcome.FailedRecordsDirectory})");
        Line("messages faulted", N(outcome.Faults.Count));
        return grid;
    }

    private static IRenderable[] Cells(params string[] values) => [.. values.Select(v => new Text(v))];

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
