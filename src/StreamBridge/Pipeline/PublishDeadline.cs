namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// The publish timeout of one item's records, each record's events given <c>PublishTimeout</c> from the start of its
/// publishing. One linked source is re-armed record after record: a source and a timer per record cost more than
/// all the rest of a record's bookkeeping.
/// </summary>
internal sealed class PublishDeadline(TimeSpan timeout, CancellationToken cancellationToken) : IDisposable
{
    private CancellationTokenSource? _source;

    /// <summary>Starts the timeout of the next record's publishing.</summary>
    public CancellationToken Start()
    {
        _source ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _source.CancelAfter(timeout);
        return _source.Token;
    }

    /// <summary>The record is published: stops its timeout.</summary>
    public void Stop()
    {
        // A source that has fired (or whose batch was cancelled) cannot be reset; the next record gets a new one.
        if (_source is not null && !_source.TryReset())
        {
            _source.Dispose();
            _source = null;
        }
    }

    public void Dispose() => _source?.Dispose();
}
