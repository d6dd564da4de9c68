namespace Bus.EndToEnd.Measuring;

/// <summary>Everything sampled at one moment of a run: each process of the stack, the servers' processes, the machine.</summary>
/// <param name="Processes">Per process name (<c>bridge</c> is this process).</param>
/// <param name="Postgres">CPU seconds so far of every PostgreSQL process, by pid.</param>
/// <param name="RabbitMq">CPU seconds so far of every RabbitMQ node process (beam.smp), by pid.</param>
/// <param name="Machine">Load averages and CPU counters.</param>
internal sealed record PhaseSample(
    IReadOnlyDictionary<string, ProcessSample> Processes,
    IReadOnlyDictionary<int, double> Postgres,
    IReadOnlyDictionary<int, double> RabbitMq,
    MachineSample Machine);
