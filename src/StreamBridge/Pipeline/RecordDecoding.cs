using System.Buffers;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// Decodes one batch's records on the thread pool, in chunks, while the batch is still being split: the handler
/// hands each record to <see cref="Add"/> as <see cref="StreamEventReader"/> finds it, so splitting and decoding
/// overlap and decoding uses every core. Decoding is pure, so the order in which chunks finish does not matter;
/// <see cref="BatchProcessor"/> looks at the outcomes in stream order afterwards.
/// The images are left for later (<see cref="ChangeRecordDecoder.DecodeDeferringImages"/>): what is kept for the
/// whole batch is what grouping and ordering need, and <see cref="BatchProcessor"/> decodes a record's images when
/// it publishes that record, so the garbage collector finds little of a batch alive whenever it runs.
/// </summary>
/// <remarks>
/// The records point into the caller's input buffer, which the handler reuses for the next invocation: whoever
/// creates an instance disposes it before the buffer can be reused, and <see cref="DisposeAsync"/> waits for the
/// chunks still being decoded (after a split that failed half-way, for example).
/// </remarks>
public sealed class RecordDecoding : IAsyncDisposable
{
    // Records per chunk: handing a chunk to a thread costs little against decoding it (about 10 µs per record), and
    // a batch of thousands of records still splits into enough chunks for the cores to finish at about the same time.
    private const int ChunkSize = 256;

    private readonly List<Chunk> _chunks = [];
    private readonly bool _parallel;
    private Chunk? _filling;
    private bool _complete;
    private bool _disposed;

    /// <summary>Decodes on the thread pool when the process has more than one processor; with one, each chunk is
    /// decoded where it filled up, since handing it to another thread would only add the hand-over.</summary>
    public RecordDecoding()
        : this(parallel: Environment.ProcessorCount > 1)
    {
    }

    internal RecordDecoding(bool parallel)
    {
        _parallel = parallel;
    }

    /// <summary>Whether chunks are decoded on the thread pool, overlapping the split. When they are not (one processor),
    /// the handler has the splitter decode each record without its images where it finds it
    /// (<see cref="RecordSlice.Decoded"/>), which reads each record once instead of twice.</summary>
    public bool Parallel => _parallel;

    /// <summary>Records added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the next record of the batch; its position must be <see cref="Count"/>.</summary>
    public void Add(RecordSlice slice)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_complete)
        {
            throw new InvalidOperationException("the batch's decoding was completed; no record can be added");
        }

        if (slice.Position != Count)
        {
            throw new ArgumentException($"record {slice.Position} added as the batch's record {Count}", nameof(slice));
        }

        _filling ??= new Chunk();
        _filling.Slices[_filling.Count++] = slice;
        Count++;
        if (_filling.Count == ChunkSize)
        {
            var full = _filling;
            _filling = null;
            Seal(full, onThreadPool: _parallel);
        }
    }

    /// <summary>Decodes what is left on this thread and waits for the rest.</summary>
    public async Task CompleteAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _complete = true;
        if (_filling is { } last)
        {
            _filling = null;
            Seal(last, onThreadPool: false);
        }

        foreach (var chunk in _chunks)
        {
            await chunk.Decoding!.ConfigureAwait(false);
        }
    }

    /// <summary>Starts decoding a chunk that takes no more records, on the thread pool or here, and keeps it in
    /// stream order.</summary>
    private void Seal(Chunk chunk, bool onThreadPool)
    {
        if (onThreadPool)
        {
            chunk.Decoding = Task.Run(chunk.Decode);
        }
        else
        {
            chunk.Decode();
            chunk.Decoding = Task.CompletedTask;
        }

        _chunks.Add(chunk);
    }

    /// <summary>The record at <paramref name="position"/>, or the reason it could not be decoded; after
    /// <see cref="CompleteAsync"/>.</summary>
    public (ChangeRecord? Record, DecodingException? Error) this[int position]
    {
        get
        {
            var chunk = _chunks[position / ChunkSize];
            return (chunk.Records[position % ChunkSize], chunk.Errors?[position % ChunkSize]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var chunk in _chunks)
        {
            // Waiting keeps the input buffer in use until the chunk is done with it. A decoding error is an outcome,
            // not an exception; anything else a chunk threw was rethrown by CompleteAsync already, or does not
            // matter once the batch failed to split.
            await chunk.Decoding!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            chunk.Return();
        }

        _filling?.Return();
    }

    private sealed class Chunk
    {
        public readonly RecordSlice[] Slices = ArrayPool<RecordSlice>.Shared.Rent(ChunkSize);
        public readonly ChangeRecord?[] Records = ArrayPool<ChangeRecord?>.Shared.Rent(ChunkSize);
        public DecodingException?[]? Errors;
        public int Count;
        public Task? Decoding;

        public void Decode()
        {
            for (var i = 0; i < Count; i++)
            {
                try
                {
                    // A record the splitter decoded already is returned as it is.
                    var record = ChangeRecordDecoder.DecodeDeferringImages(Slices[i]);
                    _ = record.ItemKey;
                    Records[i] = record;
                }
                catch (DecodingException e)
                {
                    Records[i] = null;
                    (Errors ??= new DecodingException?[ChunkSize])[i] = e;
                }
            }
        }

        public void Return()
        {
            ArrayPool<RecordSlice>.Shared.Return(Slices, clearArray: true);
            ArrayPool<ChangeRecord?>.Shared.Return(Records, clearArray: true);
        }
    }
}
