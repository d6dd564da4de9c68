namespace Bus.StandIns.Recording;

/// <summary>
/// The stand-ins' memory: per system, the effects performed (one per distinct idempotency key) and counters of
/// everything else that arrived. Thread-safe; two concurrent requests with one key perform it once.
/// </summary>
public sealed class EffectLedger
{
    private readonly Dictionary<string, SystemLog> _systems = StandInSystems.All.ToDictionary(name => name, _ => new SystemLog());

    /// <summary>Records <paramref name="effect"/> unless its key was performed before; false means a duplicate (counted).</summary>
    public bool TryPerform(RecordedEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var log = Log(effect.System);
        lock (log.Gate)
        {
            if (log.Keys.Add(effect.Key))
            {
                log.Effects.Add(effect);
                return true;
            }

            log.Duplicates++;
            return false;
        }
    }

    public void CountRejected(string system) => Count(system, log => log.Rejected++);

    public void CountDelayed(string system) => Count(system, log => log.Delayed++);

    public void CountUnauthorized(string system) => Count(system, log => log.Unauthorized++);

    public void CountInvalid(string system) => Count(system, log => log.Invalid++);

    /// <summary>A consistent copy of one system's record.</summary>
    public SystemEffects Snapshot(string system)
    {
        var name = StandInSystems.Canonical(system);
        var log = _systems[name];
        lock (log.Gate)
        {
            return new SystemEffects(name, log.Effects.Count, log.Duplicates, log.Rejected, log.Delayed, log.Unauthorized, log.Invalid, [.. log.Effects]);
        }
    }

    /// <summary>Every system's counters, without copying the effects.</summary>
    public CountsReport Counts() =>
        new(StandInSystems.All.ToDictionary(name => name, name =>
        {
            var log = _systems[name];
            lock (log.Gate)
            {
                return new SystemCounts(name, log.Effects.Count, log.Duplicates, log.Rejected, log.Delayed, log.Unauthorized, log.Invalid);
            }
        }, StringComparer.OrdinalIgnoreCase));

    /// <summary>A copy of every system's record.</summary>
    public EffectsReport Snapshot() =>
        new(StandInSystems.All.ToDictionary(name => name, Snapshot, StringComparer.OrdinalIgnoreCase));

    /// <summary>Forgets every effect and counter, so the next request with an old key performs again.</summary>
    public void Reset()
    {
        foreach (var log in _systems.Values)
        {
            lock (log.Gate)
            {
                log.Keys.Clear();
                log.Effects.Clear();
                log.Duplicates = log.Rejected = log.Delayed = log.Unauthorized = log.Invalid = 0;
            }
        }
    }

    private SystemLog Log(string system) => _systems[StandInSystems.Canonical(system)];

    private void Count(string system, Action<SystemLog> increment)
    {
        var log = Log(system);
        lock (log.Gate)
        {
            increment(log);
        }
    }

    private sealed class SystemLog
    {
        public Lock Gate { get; } = new();

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public List<RecordedEffect> Effects { get; } = [];

        public long Duplicates { get; set; }

        public long Rejected { get; set; }

        public long Delayed { get; set; }

        public long Unauthorized { get; set; }

        public long Invalid { get; set; }
    }
}
