using Bus.StandIns;
using Bus.StandIns.Recording;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// Follows what the stand-ins perform (their ledger only grows) and tells the generator, which opens the gates of the
/// items whose effects are all in. Effects no generated change expects are kept for the report.
/// </summary>
public sealed class EffectWatcher(EffectLedger ledger, ChangeGenerator generator)
{
    private readonly Dictionary<string, int> _seen = StandInSystems.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
    private readonly List<RecordedEffect> _unexpected = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<RecordedEffect> Unexpected
    {
        get
        {
            lock (_gate)
            {
                return [.. _unexpected];
            }
        }
    }

    /// <summary>Reads what arrived since the last call.</summary>
    public void Poll()
    {
        lock (_gate)
        {
            foreach (var system in StandInSystems.All)
            {
                var snapshot = ledger.Snapshot(system);
                for (var i = _seen[system]; i < snapshot.Effects.Count; i++)
                {
                    if (!generator.Observe(snapshot.Effects[i].Key))
                        _unexpected.Add(snapshot.Effects[i]);
                }

                _seen[system] = snapshot.Effects.Count;
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Poll();
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
