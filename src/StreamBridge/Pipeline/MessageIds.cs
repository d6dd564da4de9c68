using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// Deterministic message ids: a name-based UUID (version 5, RFC 9562) of the stream event id, the event type and
/// the event's ordinal within the record. A retried batch or a duplicated Kinesis record therefore yields the same
/// ids, and downstream inboxes drop the copies.
/// </summary>
public static class MessageIds
{
    /// <summary>The namespace UUID for Bus message ids. Never change it: every id would change with it.</summary>
    public static readonly Guid Namespace = new("3b4f2d1e-8c7a-4f5e-9d2b-6a1c0e9f7b34");

    private const int StackLimit = 256;

    private static readonly ConcurrentDictionary<Type, byte[]> TypeNames = new();

    /// <summary>The id of the <paramref name="ordinal"/>-th event, of type <paramref name="eventType"/>, that the
    /// change <paramref name="streamEventId"/> produced.</summary>
    public static Guid For(string streamEventId, Type eventType, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(streamEventId);
        ArgumentNullException.ThrowIfNull(eventType);
        // The type's name, not its CLR identity, so that moving a contract between assemblies keeps its ids.
        var typeName = TypeNames.GetOrAdd(eventType, static t => Encoding.UTF8.GetBytes(t.Name));

        // The name "{streamEventId}/{typeName}/{ordinal}" is written as UTF-8 straight after the namespace,
        // without building it as a string first: this runs once per published event.
        var length = 16 + Encoding.UTF8.GetByteCount(streamEventId) + 1 + typeName.Length + 1 + 11;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            Namespace.TryWriteBytes(buffer, bigEndian: true, out _);
            var written = 16 + Encoding.UTF8.GetBytes(streamEventId, buffer[16..]);
            buffer[written++] = (byte)'/';
            typeName.CopyTo(buffer[written..]);
            written += typeName.Length;
            buffer[written++] = (byte)'/';
            ordinal.TryFormat(buffer[written..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
            return Version5(buffer[..(written + digits)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>RFC 9562 version 5 UUID of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
    public static Guid NameBased(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var length = 16 + Encoding.UTF8.GetByteCount(name);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
            Encoding.UTF8.GetBytes(name, buffer[16..]);
            return Version5(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The version 5 UUID of a namespace's 16 big-endian bytes followed by a UTF-8 name.</summary>
    private static Guid Version5(ReadOnlySpan<byte> namespaceAndName)
    {
        Span<byte> hash = stackalloc byte[NameHash.HashSizeInBytes];
        NameHash.Sha1(namespaceAndName, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
