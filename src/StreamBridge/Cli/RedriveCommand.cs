using System.Globalization;
using System.Text;
using Bus.Messaging.Transport;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Redrive;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace Bus.StreamBridge.Cli;

/// <summary><c>redrive</c>: replays the configured failed-record store through the pipeline after a fix.</summary>
internal static class RedriveCommand
{
    public static async Task<int> RunAsync(string[] args, Stream output, TextWriter error)
    {
        if (RedriveArguments.Parse(args) is not { } arguments)
        {
            await error.WriteLineAsync(BridgeCli.Usage);
            return ExitCodes.InvalidInput;
        }

        if (arguments.Problem is not null)
        {
            await error.WriteLineAsync($"error: {arguments.Problem}");
            await error.WriteLineAsync(BridgeCli.Usage);
            return ExitCodes.InvalidInput;
        }

        IHost host;
        BridgeOptions bridge;
        BusTransportOptions transport;
        try
        {
            var builder = BridgeHost.CreateBuilder([.. arguments.Overrides]);
            builder.Services.AddStreamBridge(builder.Configuration);
            builder.Services.AddSingleton<FailedRecordRedriver>();
            host = builder.Build();
            bridge = host.Services.GetRequiredService<IOptions<BridgeOptions>>().Value;
            transport = host.Services.GetRequiredService<IOptions<BusTransportOptions>>().Value;
        }
        catch (Exception e) when (BridgeCli.ConfigurationError(e) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.InvalidInput;
        }

        using var owner = host;
        IFailedRecordSource source;
        if (bridge.FailedRecords.Store == FailedRecordStoreKind.File)
        {
            source = new FileFailedRecordSource(bridge.FailedRecords.Directory);
        }
        else if (transport.Transport != TransportKind.RabbitMq)
        {
            await error.WriteLineAsync("error: configuration: the Queue store is a queue on the broker; set Bus:Transport=RabbitMq");
            return ExitCodes.InvalidInput;
        }
        else
        {
            try
            {
                source = await QueueFailedRecordSource.OpenAsync(transport.RabbitMq, bridge.FailedRecords.QueueName, CancellationToken.None);
            }
            catch (BrokerUnreachableException e)
            {
                await error.WriteLineAsync(
                    $"error: cannot reach RabbitMQ at {transport.RabbitMq.Host}:{transport.RabbitMq.Port}: {e.GetBaseException().Message}");
                return ExitCodes.InvalidInput;
            }
        }

        await using (source)
        {
            RedriveResult result;
            if (arguments.DryRun)
            {
                result = await host.Services.GetRequiredService<FailedRecordRedriver>().RedriveAsync(source, arguments.Limit, dryRun: true, CancellationToken.None);
            }
            else
            {
                await host.StartAsync();
                result = await host.Services.GetRequiredService<FailedRecordRedriver>().RedriveAsync(source, arguments.Limit, dryRun: false, CancellationToken.None);
                await host.StopAsync();
            }

            await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            await ReportAsync(result, source, arguments.DryRun, host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), writer, error);
            return result.StillFailing > 0 ? ExitCodes.RecordsFailed : ExitCodes.Success;
        }
    }

    private static async Task ReportAsync(
        RedriveResult result, IFailedRecordSource source, bool dryRun, DateTimeOffset now, TextWriter output, TextWriter error)
    {
        foreach (var record in result.Records)
        {
            switch (record.Outcome)
            {
                case RedriveOutcome.Redriven:
                    await output.WriteLineAsync($"redriven: {record.Record.Describe()}");
                    break;
                case RedriveOutcome.FailedAgain:
                    await error.WriteLineAsync($"failed again, stored with the new reason: {record.Record.Describe()}: {record.Reason}");
                    break;
                case RedriveOutcome.StillFailing:
                    await error.WriteLineAsync($"still failing, left as it was: {record.Record.Describe()}: {record.Reason}");
                    break;
                case RedriveOutcome.Unreadable:
                    await error.WriteLineAsync($"unreadable, left as it was: {record.Record.Id}: {record.Reason}");
                    break;
            }
        }

        if (dryRun)
        {
            var rows = result.Records.Where(r => r.Outcome == RedriveOutcome.WouldRedrive).Select(r => r.Record).ToList();
            if (rows.Count > 0)
            {
                await WriteTableAsync(rows, now, output);
            }
        }

        var summary = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{source.Name}: found {result.Found}, ")
            .Append(dryRun
                ? string.Create(CultureInfo.InvariantCulture, $"would redrive {result.WouldRedrive}")
                : string.Create(CultureInfo.InvariantCulture, $"redriven {result.Redriven}, still failing {result.StillFailing}"));
        if (dryRun && result.Unreadable > 0)
        {
            summary.Append(CultureInfo.InvariantCulture, $", unreadable {result.Unreadable}");
        }

        if (result.BeyondLimit > 0)
        {
            summary.Append(CultureInfo.InvariantCulture, $", beyond --limit {result.BeyondLimit}");
        }

        if (dryRun)
        {
            summary.Append(" (dry run: nothing changed)");
        }

        await output.WriteLineAsync(summary.ToString());
    }

    /// <summary>What a dry run would redrive, in redrive order, as aligned columns; the reason comes last because
    /// it is the long one.</summary>
    private static async Task WriteTableAsync(List<StoredRecord> records, DateTimeOffset now, TextWriter output)
    {
        string[][] rows =
        [
            ["record", "table", "eventID", "sequence", "age", "reason"],
            .. records.Select(r => new[]
            {
                r.Id, r.TableName ?? "-", r.EventId ?? "-", r.SequenceNumber ?? "-",
                r.FailedAt is { } at ? Age(now - at) : "-", $"{r.Stage ?? "?"}: {r.Reason}",
            }),
        ];
        var widths = Enumerable.Range(0, 5).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var c = 0; c < 5; c++)
            {
                line.Append(row[c].PadRight(widths[c] + 2));
            }

            await output.WriteLineAsync(line.Append(row[5]).ToString());
        }
    }

    /// <summary>"42s", "5m", "3h 12m", "2d 4h": enough to tell a fresh failure from an old one.</summary>
    internal static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalSeconds)}s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes}m"),
        { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h {age.Minutes}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays}d {age.Hours}h"),
    };
}
