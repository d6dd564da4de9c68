using System.Globalization;

[assembly: AssemblyFixture(typeof(Bus.FaultInjection.Tests.ServersFixture))]

namespace Bus.FaultInjection.Tests;

/// <summary>
/// What every run of this assembly shares: the settings (CI or soak), a run id and directory
/// (<c>.local/faults/&lt;id&gt;/</c>, kept for inspection), the <see cref="LeftoverGuard"/>, and the private PostgreSQL
/// and RabbitMQ servers. The runs (test classes) take turns on them (<see cref="PrivateServerRuns"/>), each with a
/// database and a virtual host of its own. At the end, a process of this run still alive fails the test run.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    public RunSettings Settings { get; } = RunSettings.FromEnvironment();

    public string RunId { get; } = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];

    public string RunDirectory { get; private set; } = string.Empty;

    public LeftoverGuard Guard { get; private set; } = null!;

    public PrivateServers Servers { get; private set; } = null!;

    public TimeSpan StartupTime { get; private set; }

    // Since the last test result CI saw: the fixture's construction at first, then the end of each run (its specs report
    // right after it).
    private readonly System.Diagnostics.Stopwatch _sinceLastResult = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>The time a run starting now may take: its own limit, and in CI mode what is left of
    /// <see cref="RunSettings.ResultGapBudget"/>.</summary>
    public TimeSpan LimitOf(TimeSpan runLimit)
    {
        if (Settings.ResultGapBudget is not { } budget)
            return runLimit;
        var left = budget - _sinceLastResult.Elapsed;
        return left < runLimit ? (left > TimeSpan.FromSeconds(30) ? left : TimeSpan.FromSeconds(30)) : runLimit;
    }

    /// <summary>A run ended: its specs report now.</summary>
    public void RunEnded() => _sinceLastResult.Restart();

    public async ValueTask InitializeAsync()
    {
        RunDirectory = Path.Combine(ServiceBuild.RepositoryRoot, ".local", "faults", RunId);
        Directory.CreateDirectory(RunDirectory);
        await File.WriteAllTextAsync(Path.Combine(RunDirectory, "settings.txt"), Settings + Environment.NewLine);
        Guard = LeftoverGuard.Start(RunId, RunDirectory);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        Servers = await PrivateServers.StartAsync(Guard, RunDirectory, Settings.KeepData, limit.Token);
        StartupTime = clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (Servers is not null)
            await Servers.DisposeAsync();
        if (Guard is null)
            return;
        // Each run checks its own service processes; this covers the servers, their helpers and anything else started.
        var left = Guard.MarkedProcesses();
        await Guard.DisposeAsync();
        if (left.Count > 0)
        {
            foreach (var (pid, _) in left)
                await Command.RunAsync("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            throw new InvalidOperationException("processes of the fault-injection run were still running after it (now killed): " +
                string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")));
        }
    }
}
