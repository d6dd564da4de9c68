using System.Diagnostics;
using System.Globalization;
using Bus.Demo.Replay;
using Bus.Demo.Reporting;
using Spectre.Console;

namespace Bus.Demo.Cli;

/// <summary><c>dotnet run --project src/Demo</c>: reads the batch files, runs the demo with a progress display, prints
/// the report and answers with an exit status.</summary>
public static class DemoCli
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        DemoArguments arguments;
        IReadOnlyList<BatchFile> files;
        try
        {
            arguments = DemoArguments.Parse(args);
            if (arguments.Help)
            {
                console.WriteLine(DemoArguments.Usage);
                return DemoExitCodes.Success;
            }

            files = await BatchFiles.ReadAsync(arguments.Paths, cancellationToken);
        }
        catch (InvalidInputException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("Run with --help for the usage.");
            return DemoExitCodes.InvalidInput;
        }

        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Replaying {files.Count} file(s), {files.Sum(f => f.Records)} records, through the bridge into Marketing, Shipping and Notifications (in-memory bus, SQLite, stand-in external systems)")));
        DemoOutcome outcome;
        try
        {
            outcome = console.Profile.Capabilities.Interactive
                ? await WithProgressBars(console, files, arguments, cancellationToken)
                : await DemoRun.RunAsync(files, arguments.Settings, new PlainProgress(console), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled: everything started was stopped");
            return DemoExitCodes.Cancelled;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await error.WriteLineAsync($"error: configuration: {string.Join("; ", e.Failures)}");
            return DemoExitCodes.InvalidInput;
        }

        DemoReport.Render(console, outcome);
        if (outcome.FailedRecords.Any() || outcome.Totals.NotAttempted > 0)
        {
            return DemoExitCodes.RecordsFailed;
        }

        return outcome.Succeeded ? DemoExitCodes.Success : DemoExitCodes.ServicesFailed;
    }

    private static async Task<DemoOutcome> WithProgressBars(IAnsiConsole console, IReadOnlyList<BatchFile> files, DemoArguments arguments,
        CancellationToken cancellationToken)
    {
        DemoOutcome? outcome = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var records = context.AddTask("records through the bridge", maxValue: Math.Max(files.Sum(f => f.Records), 1));
                var consumed = context.AddTask("messages consumed", maxValue: 1);
                consumed.IsIndeterminate = true;
                var progress = new SynchronousProgress(update =>
                {
                    records.Value = update.RecordsDone;
                    records.Description = update.File is null ? "records through the bridge" : $"records through the bridge ({Markup.Escape(update.File)})";
                    consumed.Description = string.Create(CultureInfo.InvariantCulture, $"messages consumed: {update.MessagesConsumed}") +
                        (update.Stage == DemoStage.Redelivering ? " (redelivering a batch)" : string.Empty);
                    if (update.Stage == DemoStage.Done)
                    {
                        records.Value = records.MaxValue;
                        consumed.IsIndeterminate = false;
                        consumed.Value = consumed.MaxValue;
                    }
                });
                outcome = await DemoRun.RunAsync(files, arguments.Settings, progress, cancellationToken);
            });
        return outcome!;
    }

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> would post to the thread pool and reorder updates.</summary>
    private sealed class SynchronousProgress(Action<DemoProgressUpdate> report) : IProgress<DemoProgressUpdate>
    {
        public void Report(DemoProgressUpdate value) => report(value);
    }

    /// <summary>For output that is not a terminal (a pipe, CI): a line per file, and one every few seconds while waiting.</summary>
    private sealed class PlainProgress(IAnsiConsole console) : IProgress<DemoProgressUpdate>
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
        private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
        private (DemoStage, string?) _last;

        public void Report(DemoProgressUpdate value)
        {
            var step = (value.Stage, value.File);
            if (step == _last && _sinceLine.Elapsed < Interval)
            {
                return;
            }

            var line = value.Stage switch
            {
                DemoStage.Replaying => $"{value.File}: replaying, {value.RecordsDone}/{value.RecordsTotal} records done",
                DemoStage.Waiting => $"{value.File}: waiting, {value.MessagesConsumed} messages consumed",
                DemoStage.Redelivering => $"redelivering a batch of {value.File}",
                DemoStage.Done => $"done: {value.RecordsDone} records, {value.MessagesConsumed} messages consumed",
                _ => null,
            };
            if (line is not null)
            {
                console.WriteLine(line);
            }

            _last = step;
            _sinceLine.Restart();
        }
    }
}
