namespace Bus.FaultInjection.Tests;

/// <summary>
/// One shard of a table stream: an append-only log of records, in the order the stream holds them, that an
/// <see cref="EventSourceMapping"/> reads in batches. Every change of an item goes to the same shard (DynamoDB
/// Streams and Kinesis both shard by key), so per-item order is what the shard keeps.
/// On a Kinesis shard with <paramref name="kinesisFaults"/>, the shard does what Kinesis Data Streams for DynamoDB is
/// documented to do: some changes are delivered twice (the copy later, with a sequence number of its own), and two
/// changes of one item made in a row can arrive in the wrong order (their creation times still tell the right one).
/// </summary>
public sealed class StreamShard(int number, bool kinesis, bool kinesisFaults, int seed)
{
    private readonly List<ShardRecord> _records = [];
    private readonly List<(int Countdown, GeneratedChange Change)> _copies = [];
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public int Number { get; } = number;

    public bool IsKinesis { get; } = kinesis;

    public string Name => IsKinesis ? $"shardId-{Number:D12}" : $"shard-{Number}";

    /// <summary>No more records will come.</summary>
    public bool Completed { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Copies Kinesis delivered and pairs it swapped.</summary>
    public int Copies { get; private set; }

    public int Swaps { get; private set; }

    /// <summary>Appends the changes of one item made in a row.</summary>
    public void Append(IReadOnlyList<GeneratedChange> changes)
    {
        lock (_gate)
        {
            for (var i = 0; i < changes.Count; i++)
            {
                if (kinesisFaults && i + 1 < changes.Count && _random.NextDouble() < 0.35)
                {
                    Deliver(changes[i + 1], bindsNext: true);
                    Deliver(changes[i], bindsNext: false);
                    Swaps++;
                    i++;
                }
                else
                {
                    Deliver(changes[i], bindsNext: false);
                }

                DeliverDueCopies();
            }

            Signal();
        }
    }

    /// <summary>The end of the stream: copies still held back are delivered now.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var (_, change) in _copies)
                Add(change, bindsNext: false, copy: true);
            _copies.Clear();
            Completed = true;
            Signal();
        }
    }

    /// <summary>Up to <paramref name="batchSize"/> records from <paramref name="position"/>, never splitting a swapped pair.</summary>
    public IReadOnlyList<ShardRecord> Batch(int position, int batchSize)
    {
        lock (_gate)
        {
            var count = Math.Min(batchSize, _records.Count - position);
            if (count <= 0)
                return [];
            if (_records[position + count - 1].BindsNext)
                count = count > 1 ? count - 1 : Math.Min(2, _records.Count - position);
            return _records.GetRange(position, count);
        }
    }

    /// <summary>Completes when a record is appended after <paramref name="position"/> or the shard completes.</summary>
    public Task WaitBeyond(int position)
    {
        lock (_gate)
        {
            return _records.Count > position || Completed ? Task.CompletedTask : _appended.Task;
        }
    }

    private void Deliver(GeneratedChange change, bool bindsNext)
    {
        Add(change, bindsNext, copy: false);
        if (kinesisFaults && _random.NextDouble() < 0.08)
            _copies.Add((_random.Next(1, 120), change));
    }

    // Copies come some records later: in the same batch (the bridge drops them) or a later one (the inboxes do). Never
    // between the two records of a swapped pair.
    private void DeliverDueCopies()
    {
        var due = new List<GeneratedChange>();
        for (var i = _copies.Count - 1; i >= 0; i--)
        {
            var (countdown, held) = _copies[i];
            if (countdown > 1)
            {
                _copies[i] = (countdown - 1, held);
                continue;
            }

            _copies.RemoveAt(i);
            due.Add(held);
        }

        foreach (var change in due)
            Add(change, bindsNext: false, copy: true);
    }

    private void Add(GeneratedChange change, bool bindsNext, bool copy)
    {
        var checkpoint = IsKinesis
            ? StreamRecordJson.Sequence(4959 + Number, ++_sequence, 56)
            : StreamRecordJson.Sequence(1 + Number, ++_sequence, 21);
        var json = IsKinesis ? StreamRecordJson.Kinesis(change, Name, checkpoint) : StreamRecordJson.DynamoDbStreams(change, checkpoint);
        _records.Add(new ShardRecord(_records.Count, checkpoint, json, change, bindsNext, copy));
        if (copy)
            Copies++;
    }

    private void Signal()
    {
        _appended.TrySetResult();
        _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
