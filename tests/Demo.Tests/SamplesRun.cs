using Bus.Demo.Composition;
using Bus.Demo.Replay;

namespace Bus.Demo.Tests;

/// <summary>One run of the demo over samples/ with the redelivery on, shared by the specs that read its outcome.</summary>
public sealed class SamplesRun : IAsyncLifetime
{
    public DemoOutcome Outcome { get; private set; } = null!;

    public string FailedRecords { get; } = Path.Combine(Path.GetTempPath(), "bus-demo-specs-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        var files = await BatchFiles.ReadAsync([BatchFiles.SamplesDirectory], CancellationToken.None);
        Outcome = await DemoRun.RunAsync(files, new DemoSettings { FailedRecordsDirectory = FailedRecords, QuietTimeout = TimeSpan.FromSeconds(90) },
            progress: null, CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(FailedRecords))
        {
            Directory.Delete(FailedRecords, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
