namespace Bus.StandIns.Recording;

/// <summary>What one stand-in has seen since start or the last reset.</summary>
/// <param name="System">The external system.</param>
/// <param name="Performed">Distinct idempotency keys performed (the length of <paramref name="Effects"/>).</param>
/// <param name="Duplicates">Requests repeating a key already performed, answered like the first and not performed again.</param>
/// <param name="Rejected">Requests failed by fault injection, or abandoned by the caller while fault injection delayed them.</param>
/// <param name="Delayed">Requests fault injection delayed (whatever happened to them afterwards).</param>
/// <param name="Unauthorized">Requests refused with 401: missing or wrong signature, or a timestamp outside the tolerance.</param>
/// <param name="Invalid">Requests refused with 400: no <c>Idempotency-Key</c> or a body that is not JSON.</param>
/// <param name="Effects">The performed requests in the order they arrived.</param>
public sealed record SystemEffects(
    string System,
    int Performed,
    long Duplicates,
    long Rejected,
    long Delayed,
    long Unauthorized,
    long Invalid,
    IReadOnlyList<RecordedEffect> Effects);
