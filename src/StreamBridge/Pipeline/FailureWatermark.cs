using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// The lowest sequence number that failed in a batch. Lambda re-delivers everything from there, so records after
/// it need not be attempted now; attempting them would only publish copies for the inboxes to drop.
/// </summary>
internal sealed class FailureWatermark
{
    private readonly Lock _lock = new();
    private SequenceNumber? _lowest;

    public SequenceNumber? Lowest
    {
        get
        {
            lock (_lock)
            {
                return _lowest;
            }
        }
    }

    public void Fail(SequenceNumber checkpoint)
    {
        lock (_lock)
        {
            if (_lowest is null || checkpoint < _lowest.Value)
            {
                _lowest = checkpoint;
            }
        }
    }

    public bool IsBeyond(SequenceNumber checkpoint)
    {
        lock (_lock)
        {
            return _lowest is { } lowest && checkpoint > lowest;
        }
    }
}
