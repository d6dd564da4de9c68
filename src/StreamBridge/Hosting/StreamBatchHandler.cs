using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Hosting;

/// <summary>One Lambda invocation: the event JSON in, the <c>batchItemFailures</c> response out; then the invocation's
/// metrics in the embedded metric format when <see cref="EmbeddedMetricsWriter"/> is registered.</summary>
public sealed class StreamBatchHandler(BatchProcessor processor, EmbeddedMetricsWriter? metrics = null)
{
    // A batch can be 6 MB and more: reading each into a new array cost that much again per invocation in the large
    // object heap. The last batch's array is kept for the next one (Lambda invokes an execution environment one batch
    // at a time; a concurrent caller just reads into an array of its own). Nothing decoded refers to it afterwards:
    // strings are copies and failed records copy their bytes.
    private const int MaxKeptBytes = 64 * 1024 * 1024;
    private byte[]? _spare;

    /// <summary>Whether records are decoded on the thread pool while the batch is split (true), or by the splitter where
    /// it finds them (false); null, the default, chooses by the number of processors (<see cref="RecordDecoding()"/>).
    /// Tests set it to run both ways on any machine.</summary>
    internal bool? DecodeInParallel { get; set; }

    /// <exception cref="DecodingException">The input is not one Lambda stream event; Lambda retries the batch.</exception>
    /// <exception cref="BatchFailedException">A record could neither be stored nor reported; Lambda retries the batch.</exception>
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            // The caller's own buffer, read where the stream stands, as copying it would have.
            var start = (int)memory.Position;
            memory.Position = memory.Length;
            return await HandleAsync(segment.AsMemory(start, segment.Count - start), cancellationToken);
        }

        var buffer = Interlocked.Exchange(ref _spare, null);
        try
        {
            var length = 0;
            (buffer, length) = await ReadAllAsync(input, buffer, cancellationToken);
            return await HandleAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            if (buffer is not null && buffer.Length <= MaxKeptBytes)
            {
                _spare = buffer;
            }
        }
    }

    private async Task<Stream> HandleAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        // The records are decoded on the thread pool while the rest of the batch is split. Disposing waits for
        // decodes still running, so that nothing reads the input buffer once the next invocation may reuse it.
        await using var decoding = DecodeInParallel is { } parallel ? new RecordDecoding(parallel) : new RecordDecoding();
        // On one processor nothing overlaps the split, so the splitter decodes each record (without its images) where it
        // finds it instead: each record's bytes are read once, not twice.
        var events = StreamEventReader.Read(
            json,
            (index, slice) =>
            {
                if (index == 0)
                {
                    decoding.Add(slice);
                }
            },
            decoding.Parallel ? RecordDecode.None : RecordDecode.DeferringImages);
        if (events.Count != 1)
        {
            throw new DecodingException($"a Lambda invocation carries exactly one event; this input has {events.Count}");
        }

        try
        {
            var result = await processor.ProcessAsync(events[0], decoding, cancellationToken);
            return BatchResponse.ToStream(result);
        }
        finally
        {
            // Also after a throw: the records that failed are counted, and the next invocation must not report them.
            metrics?.Flush();
        }
    }

    private static async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream input, byte[]? buffer, CancellationToken cancellationToken)
    {
        var expected = input.CanSeek ? (int)Math.Min(input.Length - input.Position, Array.MaxLength) : 64 * 1024;
        if (buffer is null || buffer.Length < expected)
        {
            buffer = GC.AllocateUninitializedArray<byte>(Math.Max(expected, 1));
        }

        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // A full array at the end of a seekable stream is the whole input: growing it to find out would
                // double the array kept for the next batch.
                if (input.CanSeek && input.Position >= input.Length)
                {
                    return (buffer, length);
                }

                var larger = GC.AllocateUninitializedArray<byte>((int)Math.Min(2L * buffer.Length, Array.MaxLength));
                buffer.AsSpan(0, length).CopyTo(larger);
                buffer = larger;
            }

            var read = await input.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }
}
