using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Bus.EndToEnd.Tests;

/// <summary>
/// One run of <c>scripts/stack.sh</c> replaying <c>samples/</c>, shared by the specs of a class: the stand-ins, the
/// three consumer services and the bridge as separate processes on the real PostgreSQL and RabbitMQ. The script writes
/// what the stand-ins received (<c>effects.json</c>), the run's queues (<c>queues.tsv</c>) and the processes it started
/// (<c>pids</c>) into its run directory before it stops everything; the specs read those files.
/// </summary>
public sealed class StackRun : IAsyncLifetime
{
    // The script bounds itself (services ready within 120 s, effects settled within --timeout); past this limit the run
    // is stopped as a user's Ctrl-C would, and then killed.
    private static readonly TimeSpan HardLimit = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _output = new();

    public StackRun()
    {
        RepositoryRoot = FindRepositoryRoot();
        RunId = "e2e-" + Guid.NewGuid().ToString("N")[..12];
    }

    public string RepositoryRoot { get; }

    /// <summary>The script's run id: its database, virtual host and queue prefix are named after it.</summary>
    public string RunId { get; }

    public string RunDirectory => Path.Combine(RepositoryRoot, ".local", "stack", RunId);

    public string DatabaseName => "bus_stack_" + RunId.Replace('-', '_');

    public string VirtualHost => "bus-stack-" + RunId;

    public int ExitCode { get; private set; }

    public bool TimedOut { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    /// <summary>What the script printed, standard output and error interleaved as they came.</summary>
    public string Output => string.Join('\n', _output);

    public async ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "scripts/stack.sh", "--no-build", "--configuration", BuildConfiguration(), "--free-ports", "--run-id", RunId,
            "--replay", "samples", "--timeout", "90",
        ];
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (var limit = new CancellationTokenSource(HardLimit))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                TimedOut = true;
                await Stop(process);
            }
        }

        // Drains the redirected output, which the asynchronous wait does not.
        process.WaitForExit();
        ExitCode = process.ExitCode;
        Elapsed = clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        // The script drops its database itself; this only matters when it had to be killed.
        var servers = new Bus.TestSupport.ServerFixture();
        await servers.DropDatabase(DatabaseName);
    }

    /// <summary>Every effect the stand-ins performed: (system, path, idempotency key), in the order received.</summary>
    public IReadOnlyList<PerformedEffect> PerformedEffects()
    {
        using var report = ReadEffects();
        var effects = new List<PerformedEffect>();
        foreach (var system in report.RootElement.GetProperty("systems").EnumerateObject())
        {
            foreach (var effect in system.Value.GetProperty("effects").EnumerateArray())
            {
                effects.Add(new PerformedEffect(system.Name, effect.GetProperty("path").GetString()!, effect.GetProperty("key").GetString()!));
            }
        }

        return effects;
    }

    /// <summary>A counter of every system's entry in <c>effects.json</c> (<c>duplicates</c>, <c>rejected</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Counter(string name)
    {
        using var report = ReadEffects();
        return report.RootElement.GetProperty("systems").EnumerateObject()
            .ToDictionary(system => system.Name, system => system.Value.GetProperty(name).GetInt64(), StringComparer.Ordinal);
    }

    /// <summary>The run's queues when the effects had settled: name, messages ready or unacknowledged.</summary>
    public IReadOnlyList<(string Name, long Messages)> Queues()
    {
        var path = Path.Combine(RunDirectory, "queues.tsv");
        Assert.True(File.Exists(path), $"the script wrote no queue list ({path}); output:\n{Output}");
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(fields => (fields[0], long.Parse(fields[1], CultureInfo.InvariantCulture) + long.Parse(fields[2], CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>The processes the script started: its <c>pids</c> file, one "name pid" line each.</summary>
    public IReadOnlyList<(string Name, int Pid)> StartedProcesses()
    {
        var path = Path.Combine(RunDirectory, "pids");
        Assert.True(File.Exists(path), $"the script wrote no pids file ({path}); output:\n{Output}");
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' '))
            .Select(fields => (fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture)))
            .ToList();
    }

    private JsonDocument ReadEffects()
    {
        var path = Path.Combine(RunDirectory, "effects.json");
        Assert.True(File.Exists(path), $"the script wrote no effects report ({path}); output:\n{Output}");
        return JsonDocument.Parse(File.ReadAllBytes(path));
    }

    private void Collect(string? line)
    {
        if (line is not null)
            _output.Enqueue(line);
    }

    // TERM first, so the script's trap stops its processes and drops its database and virtual host; then the whole tree.
    private static async Task Stop(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();

        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    // The processes the script starts are built by this project's references, in this project's configuration.
    private static string BuildConfiguration() =>
        typeof(StackRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "stack.sh")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"no scripts/stack.sh above {AppContext.BaseDirectory}");
    }
}
