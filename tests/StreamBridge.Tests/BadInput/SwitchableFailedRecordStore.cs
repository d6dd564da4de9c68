using Bus.StreamBridge.Failures;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>The real store, with an outage the specs can switch on.</summary>
internal sealed class SwitchableFailedRecordStore(IFailedRecordStore inner) : IFailedRecordStore
{
    public volatile bool Down;

    public Task StoreAsync(FailedRecord record, CancellationToken cancellationToken) => Down
        ? Task.FromException(new IOException("injected failed-record store outage"))
        : inner.StoreAsync(record, cancellationToken);
}
