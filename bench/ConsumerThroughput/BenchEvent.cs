namespace Bus.ConsumerThroughput;

/// <summary>One event to send to the domain queue, with its deterministic MessageId and its kind (for the mix and the expected rows).
/// The message is kept as an object so that any messaging stack can send it.</summary>
public sealed record BenchEvent(Guid MessageId, string Kind, object Message)
{
    public static BenchEvent Of<T>(int index, T message)
        where T : class =>
        new(MessageIdOf(index), typeof(T).Name, message);

    /// <summary>Event i always has the same MessageId; each run has a fresh database and queue, so ids never meet an old inbox.</summary>
    public static Guid MessageIdOf(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, index);
        Marker.CopyTo(bytes[8..]);
        return new Guid(bytes);
    }

    public static bool IsBenchMessageId(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        return id.TryWriteBytes(bytes) && bytes[8..].SequenceEqual(Marker);
    }

    private static ReadOnlySpan<byte> Marker => "bench-id"u8;
}
