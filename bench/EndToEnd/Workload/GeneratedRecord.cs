using Bus.Benchmarks.Generation;

namespace Bus.EndToEnd.Workload;

/// <summary>One stream record of the run, before its creation time is known (it is set when the record is sent).</summary>
/// <param name="Index">Position in the run's stream, from 0.</param>
/// <param name="EventId">The record's <c>eventID</c>: the middle part of every idempotency key it causes.</param>
/// <param name="SequenceNumber">The record's decimal sequence number, growing through the stream.</param>
/// <param name="Change">The change the record carries.</param>
internal sealed record GeneratedRecord(int Index, string EventId, decimal SequenceNumber, Change Change);
