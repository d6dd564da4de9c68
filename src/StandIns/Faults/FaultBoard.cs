namespace Bus.StandIns.Faults;

/// <summary>The faults currently injected, per system, and the dice that decide which request fails.</summary>
public sealed class FaultBoard(TimeProvider time, int? seed = null)
{
    private readonly Dictionary<string, FaultSettings> _faults = new(StringComparer.Ordinal);
    private readonly Random _dice = seed is { } value ? new Random(value) : new Random();
    private readonly Lock _gate = new();

    /// <exception cref="ArgumentException">The settings are out of range or the system is unknown.</exception>
    public void Set(string system, FaultSettings fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var problems = fault.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(fault));
        }

        var name = StandInSystems.Canonical(system);
        lock (_gate)
        {
            _faults[name] = fault;
        }
    }

    public void Clear(string system)
    {
        var name = StandInSystems.Canonical(system);
        lock (_gate)
        {
            _faults.Remove(name);
        }
    }

    /// <summary>The fault now in force on <paramref name="system"/>, or null; an expired one is dropped.</summary>
    public FaultSettings? Active(string system)
    {
        var name = StandInSystems.Canonical(system);
        lock (_gate)
        {
            if (!_faults.TryGetValue(name, out var fault))
            {
                return null;
            }

            if (fault.UntilUtc is { } until && time.GetUtcNow() >= until)
            {
                _faults.Remove(name);
                return null;
            }

            return fault;
        }
    }

    /// <summary>Every fault in force, by system.</summary>
    public IReadOnlyDictionary<string, FaultSettings> Snapshot()
    {
        var active = new Dictionary<string, FaultSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var system in StandInSystems.All)
        {
            if (Active(system) is { } fault)
            {
                active[system] = fault;
            }
        }

        return active;
    }

    /// <summary>Rolls the dice for one request under <paramref name="fault"/>.</summary>
    public bool ShouldFail(FaultSettings fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.FailureRate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _dice.NextDouble() < fault.FailureRate;
        }
    }
}
