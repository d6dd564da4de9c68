using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// A DynamoDB item image or M value: attribute names and values in the order they were read. Items have few
/// attributes, so lookups scan two parallel arrays instead of building a hash table per image.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "DynamoDB calls it an attribute map.")]
public sealed class AttributeMap : IReadOnlyCollection<KeyValuePair<string, DynamoValue>>, IEquatable<AttributeMap>
{
    private readonly string[] _names;
    private readonly DynamoValue[] _values;

    /// <summary>An image with no attributes.</summary>
    public static AttributeMap Empty { get; } = new([], [], 0);

    internal AttributeMap(string[] names, DynamoValue[] values, int count)
    {
        _names = names;
        _values = values;
        Count = count;
    }

    /// <summary>Builds a map; names must be unique.</summary>
    public static AttributeMap Create(IEnumerable<KeyValuePair<string, DynamoValue>> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var list = attributes.ToList();
        var names = new string[list.Count];
        var values = new DynamoValue[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (Array.IndexOf(names, list[i].Key, 0, i) >= 0)
            {
                throw new ArgumentException($"attribute '{list[i].Key}' appears twice", nameof(attributes));
            }

            names[i] = list[i].Key;
            values[i] = list[i].Value;
        }

        return new AttributeMap(names, values, list.Count);
    }

    public int Count { get; }

    /// <summary>Attribute names in the order read.</summary>
    public ReadOnlySpan<string> Names => _names.AsSpan(0, Count);

    /// <summary>The names array itself, for another map with the same names; never written to.</summary>
    internal string[] NamesArray => _names.Length == Count ? _names : _names[..Count];

    /// <summary>The value at position <paramref name="index"/>, in the order read.</summary>
    public DynamoValue ValueAt(int index) => index < Count ? _values[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out DynamoValue value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            value = default;
            return false;
        }

        value = _values[index];
        return true;
    }

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The item has no such attribute.</exception>
    public DynamoValue this[string name] => TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"attribute '{name}' is missing");

    /// <summary>Same attributes with deeply equal values, in any order.</summary>
    public bool Equals(AttributeMap? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (!other.TryGetValue(_names[i], out var value) || !value.Equals(_values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as AttributeMap);

    public override int GetHashCode() => Count;

    public IEnumerator<KeyValuePair<string, DynamoValue>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new KeyValuePair<string, DynamoValue>(_names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (SameName(_names[i], name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Ordinal equality, with the cases that decide most comparisons inline: the decoder's names are interned
    /// (<see cref="NameTable"/>), so equal names are mostly the same string, and unequal ones mostly differ in length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SameName(string a, string b) =>
        ReferenceEquals(a, b) || (a.Length == b.Length && a.AsSpan().SequenceEqual(b));
}
