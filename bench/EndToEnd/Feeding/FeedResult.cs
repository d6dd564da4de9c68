namespace Bus.EndToEnd.Feeding;

/// <summary>What one phase of feeding did.</summary>
/// <param name="Records">Records handed to the bridge.</param>
/// <param name="Batches">Lambda invocations (batches), retries included.</param>
/// <param name="Retries">Batches the handler answered with <c>batchItemFailures</c> and that were sent again from there.</param>
/// <param name="StartedAt">When the first batch was due.</param>
/// <param name="EndedAt">When the last batch was acknowledged.</param>
/// <param name="MaxLag">The longest a batch was sent after it was due (steady rate: the feeder fell behind).</param>
/// <param name="CreatedAt">Each record's creation time (by its eventID), as written into it.</param>
internal sealed record FeedResult(
    int Records, int Batches, int Retries, DateTimeOffset StartedAt, DateTimeOffset EndedAt, TimeSpan MaxLag,
    IReadOnlyDictionary<string, DateTimeOffset> CreatedAt)
{
    public TimeSpan Elapsed => EndedAt - StartedAt;
}
