namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>One row of <c>corpus/manifest.json</c>: a hostile input and what the bridge must make of it.</summary>
public sealed record CorpusEntry
{
    /// <summary>Path under <c>corpus/</c>.</summary>
    public required string File { get; init; }

    /// <summary><see cref="CorpusShapes.Record"/>: one element of <c>Records</c>, embedded between valid records;
    /// <see cref="CorpusShapes.Event"/>: a whole Lambda invocation's input.</summary>
    public required string Shape { get; init; }

    /// <summary>For records: <c>dynamodb</c> or <c>kinesis</c>, the valid batch it is embedded in.</summary>
    public string? Source { get; init; }

    public required string Category { get; init; }

    public required string Description { get; init; }

    /// <summary>One of <see cref="CorpusOutcomes"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>For stored records: the failed-record store's stage (Decode, Translate, Route).</summary>
    public string? Stage { get; init; }

    /// <summary>What the reason (stored records) or the error (rejected events) says, after the record's name.</summary>
    public string? Reason { get; init; }

    /// <summary>The eventID that reports name the record by (stored), or that its events carry (published,
    /// duplicate); null when the record has none the bridge can read.</summary>
    public string? EventId { get; init; }

    /// <summary>The sequence number reports and <c>batchItemFailures</c> name; null when unreadable.</summary>
    public string? SequenceNumber { get; init; }

    /// <summary>Events the entry itself publishes (published outcome).</summary>
    public int Events { get; init; }
}

public static class CorpusShapes
{
    public const string Record = "record";
    public const string Event = "event";
}

public static class CorpusOutcomes
{
    /// <summary>Kept whole in the failed-record store with the reason; Lambda sees success for it.</summary>
    public const string Stored = "stored";

    /// <summary>A table no route matches, skipped and counted by configuration (<c>Unrouted: Skip</c>).</summary>
    public const string Skipped = "skipped";

    /// <summary>Odd but valid: published like any record.</summary>
    public const string Published = "published";

    /// <summary>A copy of a change already in the batch: published once.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Not a stream event at all: the invocation fails with a clear error and publishes nothing.</summary>
    public const string Rejected = "rejected";
}
