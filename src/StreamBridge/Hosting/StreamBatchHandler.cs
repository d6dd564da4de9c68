using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Hosting;

/// <summary>One Lambda invocation: the event JSON in, the <c>batchItemFailures</c> response out; then the invocation's
/// metrics in the embedded metric format when <see cref="EmbeddedMetricsWriter"/> is registered.</summary>
public sealed class StreamBatchHandler(BatchProcessor processor, EmbeddedMetricsWriter? metrics = null)
{
    /// <exception cref="DecodingException">The input is not one Lambda stream event; Lambda retries the batch.</exception>
    /// <exception cref="BatchFailedException">A record could neither be stored nor reported; Lambda retries the batch.</exception>
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new MemoryStream(input.CanSeek ? (int)Math.Min(input.Length, int.MaxValue) : 64 * 1024);
        await input.CopyToAsync(buffer, cancellationToken);
        var events = StreamEventReader.Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        if (events.Count != 1)
        {
            throw new DecodingException($"a Lambda invocation carries exactly one event; this input has {events.Count}");
        }

        try
        {
            var result = await processor.ProcessAsync(events[0], cancellationToken);
            return BatchResponse.ToStream(result);
        }
        finally
        {
            // Also after a throw: the records that failed are counted, and the next invocation must not report them.
            metrics?.Flush();
        }
    }
}
