namespace Bus.StandIns.Recording;

/// <summary>The counters of <see cref="SystemEffects"/> without the list of effects: cheap to ask for while
/// thousands of effects arrive, e.g. to wait for a load run to settle.</summary>
/// <param name="System">The external system.</param>
/// <param name="Performed">Distinct idempotency keys performed.</param>
/// <param name="Duplicates">Requests repeating a key already performed.</param>
/// <param name="Rejected">Requests failed by fault injection (or abandoned while delayed by it).</param>
/// <param name="Delayed">Requests fault injection delayed.</param>
/// <param name="Unauthorized">Requests refused with 401.</param>
/// <param name="Invalid">Requests refused with 400.</param>
public sealed record SystemCounts(
    string System,
    int Performed,
    long Duplicates,
    long Rejected,
    long Delayed,
    long Unauthorized,
    long Invalid);
