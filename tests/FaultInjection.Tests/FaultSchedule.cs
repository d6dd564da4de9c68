using System.Diagnostics;
using System.Globalization;
using Bus.StandIns.Client;
using Bus.StandIns.Faults;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// The faults of the pipeline run, spread over the generation time: SIGKILLs of service processes at random moments
/// (each process at least once when there are enough kills), each restarted at once; one RabbitMQ restart; one
/// PostgreSQL restart; an external system answering errors and then timing out for a while. Ends with every process
/// running and ready and no fault left in force.
/// </summary>
public sealed class FaultSchedule(
    IReadOnlyList<ServiceInstance> instances,
    PrivateServers servers,
    StandInsClient standIns,
    Func<string, int> performed,
    HttpClient http,
    TimeSpan generationTime,
    int kills,
    int seed,
    Action<string> log) : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly Random _random = new(seed);
    private readonly Stopwatch _clock = new();
    private readonly List<Task> _restarts = [];
    private readonly HashSet<ServiceInstance> _starting = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _downAtOnce = new(2, 2);

    public int KillsDone { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        var g = generationTime.TotalSeconds;
        var actions = new List<(double At, string What, Func<Task> Action)>();
        var victims = Victims();
        for (var i = 0; i < kills; i++)
        {
            var victim = victims[i];
            actions.Add((g * (0.05 + (0.9 * _random.NextDouble())), "kill", () => Kill(victim, cancellationToken)));
        }

        actions.Add((g * (0.32 + (0.06 * _random.NextDouble())), "rabbitmq", () => RestartRabbitMq(cancellationToken)));
        actions.Add((g * (0.58 + (0.06 * _random.NextDouble())), "postgres", () => RestartPostgres(cancellationToken)));
        // One outage window in CI; one every three minutes or so in a soak run, each on the next system.
        string[] systems = ["MarketingPlatform", "ShippingSystem", "Email", "Sms", "Purchasing"];
        var first = _random.Next(2);
        var windows = Math.Max(1, (int)(g / 180));
        for (var w = 0; w < windows; w++)
        {
            var system = systems[(first + w) % systems.Length];
            actions.Add((g * (0.12 + (0.8 * w / windows)), "outage", () => Outage(system, cancellationToken)));
        }

        var running = new List<Task>();
        foreach (var (at, _, action) in actions.OrderBy(a => a.At))
        {
            var wait = TimeSpan.FromSeconds(at) - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, cancellationToken);
            running.Add(action());
        }

        await Task.WhenAll(running);
        Task[] restarts;
        lock (_gate)
        {
            restarts = [.. _restarts];
        }

        await Task.WhenAll(restarts);
    }

    public void Dispose() => _downAtOnce.Dispose();

    /// <summary>Every instance once per round, in a shuffled order, then again, until there are as many as kills.</summary>
    private List<ServiceInstance> Victims()
    {
        var victims = new List<ServiceInstance>();
        while (victims.Count < kills)
        {
            var round = instances.OrderBy(_ => _random.Next()).ToList();
            victims.AddRange(round);
        }

        return victims;
    }

    private async Task Kill(ServiceInstance chosen, CancellationToken cancellationToken)
    {
        // At most two processes down at a time: a kill due while two are still starting waits for one of them (on a busy
        // machine a restart can take a minute; all four at once would leave nothing consuming for that long).
        await _downAtOnce.WaitAsync(cancellationToken);
        // A process still starting after its last kill is left alone: another running one goes instead. Chosen and
        // marked under one lock: two kills due at the same moment once both took the same process and started it twice.
        ServiceInstance? victim;
        lock (_gate)
        {
            victim = chosen.IsRunning && !_starting.Contains(chosen) ? chosen : instances.FirstOrDefault(i => i.IsRunning && !_starting.Contains(i));
            if (victim is not null)
                _starting.Add(victim);
        }

        if (victim is null)
        {
            _downAtOnce.Release();
            Note("kill skipped: every process is starting");
            return;
        }

        var pid = victim.Pid;
        await victim.Kill();
        KillsDone++;
        Note($"SIGKILL {victim.Name} (pid {pid?.ToString(CultureInfo.InvariantCulture)}); restarting it");
        Restart(victim, cancellationToken);
    }

    private void Restart(ServiceInstance instance, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _starting.Add(instance);
        }

        var clock = Stopwatch.StartNew();
        instance.Start();
        var ready = Task.Run(async () =>
        {
            try
            {
                await instance.WaitReadyAsync(http, ReadyTimeout, cancellationToken);
                Note($"{instance.Name} ready again {clock.Elapsed.TotalSeconds:F1} s after its restart");
            }
            finally
            {
                lock (_gate)
                {
                    _starting.Remove(instance);
                }

                _downAtOnce.Release();
            }
        }, cancellationToken);
        lock (_gate)
        {
            _restarts.Add(ready);
        }
    }

    private async Task RestartRabbitMq(CancellationToken cancellationToken)
    {
        Note("RabbitMQ: rabbitmqctl shutdown, then rabbitmq-server again");
        var took = await servers.RestartRabbitMqAsync(cancellationToken);
        Note($"RabbitMQ accepting connections again after {took.TotalSeconds:F1} s");
    }

    private async Task RestartPostgres(CancellationToken cancellationToken)
    {
        Note("PostgreSQL: pg_ctl restart -m fast");
        var took = await servers.RestartPostgresAsync(cancellationToken);
        Note($"PostgreSQL accepting connections again after {took.TotalSeconds:F1} s");
    }

    /// <summary>Errors first (half the calls answered 503), then time-outs (every call held past the services' 2 s
    /// attempt time-out), through the stand-ins' own control API.</summary>
    private async Task Outage(string system, CancellationToken cancellationToken)
    {
        // Calls must be flowing for the outage to hit any: a service's first messages after start-up can take a while.
        var before = performed(system);
        while (performed(system) < before + 3 && _clock.Elapsed < generationTime)
            await Task.Delay(500, cancellationToken);
        var errors = TimeSpan.FromSeconds(12);
        var timeouts = TimeSpan.FromSeconds(8);
        Note($"{system}: answering 503 to half the calls for {errors.TotalSeconds:F0} s");
        await standIns.SetFaultAsync(system, new FaultSettings { FailureRate = 0.5, StatusCode = 503 }, cancellationToken);
        await Task.Delay(errors, cancellationToken);
        Note($"{system}: holding every call 3 s (past the 2 s attempt time-out) for {timeouts.TotalSeconds:F0} s");
        await standIns.SetFaultAsync(system, new FaultSettings { DelayMs = 3_000 }, cancellationToken);
        await Task.Delay(timeouts, cancellationToken);
        await standIns.ClearFaultAsync(system, cancellationToken);
        Note($"{system}: answering normally again");
    }

    /// <summary>What happened when, seconds from the start of the generation.</summary>
    public List<string> Log { get; } = [];

    private void Note(string text)
    {
        var line = $"{_clock.Elapsed.TotalSeconds,6:F1} s  {text}";
        lock (_gate)
        {
            Log.Add(line);
        }

        log(line);
    }
}
