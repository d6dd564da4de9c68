using System.Text;
using System.Text.Unicode;
using Bus.StreamBridge.Configuration;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Failures;

/// <summary>
/// Sends failed records to a durable queue on the configured broker (with publisher confirms on RabbitMQ). The
/// message id is derived from the record's bytes, so a retried batch's copy is dropped by any inbox.
/// </summary>
public sealed class QueueFailedRecordStore(ISendEndpointProvider sendEndpoints, IOptions<BridgeOptions> options, TimeProvider timeProvider)
    : IFailedRecordStore
{
    private readonly Uri _address = new($"queue:{options.Value.FailedRecords.QueueName}");

    public async Task StoreAsync(FailedRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var endpoint = await sendEndpoints.GetSendEndpoint(_address);
        var messageId = FailedRecordIds.MessageId(record);
        await endpoint.Send(
            new FailedStreamRecord
            {
                TableName = record.TableName,
                Position = record.Position,
                EventId = record.EventId,
                SequenceNumber = record.SequenceNumber,
                Stage = record.Stage,
                Reason = record.Reason,
                Record = Encoding.UTF8.GetString(record.Raw.Span),
                RecordBase64 = Utf8.IsValid(record.Raw.Span) ? null : Convert.ToBase64String(record.Raw.Span),
                FailedAt = timeProvider.GetUtcNow(),
            },
            Pipe.Execute<SendContext>(context => context.MessageId = messageId),
            cancellationToken);
    }
}
