using System.Runtime.CompilerServices;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// One decoded DynamoDB attribute value. A small struct (a type tag and one reference) so that maps and lists of
/// values are flat arrays rather than an object per attribute.
/// </summary>
public readonly struct DynamoValue : IEquatable<DynamoValue>
{
    private readonly object? _value;
    private readonly bool _bool;

    private DynamoValue(AttributeType type, object? value, bool flag = false)
    {
        Type = type;
        _value = value;
        _bool = flag;
    }

    /// <summary>The attribute's DynamoDB type.</summary>
    public AttributeType Type { get; }

    /// <summary>The DynamoDB <c>NULL</c> value.</summary>
    public static DynamoValue Null { get; } = new(AttributeType.NULL, null);

    public static DynamoValue FromString(string value) => new(AttributeType.S, value ?? throw new ArgumentNullException(nameof(value)));

    public static DynamoValue FromNumber(DynamoNumber value) => new(AttributeType.N, value.Text);

    public static DynamoValue FromBinary(byte[] value) => new(AttributeType.B, value ?? throw new ArgumentNullException(nameof(value)));

    public static DynamoValue FromBool(bool value) => new(AttributeType.BOOL, null, value);

    public static DynamoValue FromStringSet(string[] values) => new(AttributeType.SS, values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>A number set; each element must be valid DynamoDB number text.</summary>
    public static DynamoValue FromNumberSet(DynamoNumber[] values) => new(AttributeType.NS, values ?? throw new ArgumentNullException(nameof(values)));

    public static DynamoValue FromBinarySet(byte[][] values) => new(AttributeType.BS, values ?? throw new ArgumentNullException(nameof(values)));

    public static DynamoValue FromMap(AttributeMap value) => new(AttributeType.M, value ?? throw new ArgumentNullException(nameof(value)));

    public static DynamoValue FromList(DynamoValue[] values) => new(AttributeType.L, values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>Wraps number text the decoder has already validated.</summary>
    internal static DynamoValue FromValidatedNumber(string text) => new(AttributeType.N, text);

    /// <summary>The very same value: same type and flag, and the same string, array or map instance (not merely
    /// equal ones). The decoder uses it to hand out a sibling image's map or list again instead of a copy.</summary>
    internal bool IsSameInstance(DynamoValue other) => Type == other.Type && _bool == other._bool && ReferenceEquals(_value, other._value);

    /// <summary>The L value's array itself; never written to.</summary>
    internal DynamoValue[] ListItems => Type == AttributeType.L ? (DynamoValue[])_value! : throw WrongType(AttributeType.L);

    /// <summary>The S value.</summary>
    public string AsString() => Type == AttributeType.S ? (string)_value! : throw WrongType(AttributeType.S);

    /// <summary>The N value.</summary>
    public DynamoNumber AsNumber() => Type == AttributeType.N ? DynamoNumber.FromValidated((string)_value!) : throw WrongType(AttributeType.N);

    /// <summary>The B value.</summary>
    public byte[] AsBinary() => Type == AttributeType.B ? (byte[])_value! : throw WrongType(AttributeType.B);

    /// <summary>The BOOL value.</summary>
    public bool AsBool() => Type == AttributeType.BOOL ? _bool : throw WrongType(AttributeType.BOOL);

    /// <summary>The SS value.</summary>
    public IReadOnlyList<string> AsStringSet() => Type == AttributeType.SS ? (string[])_value! : throw WrongType(AttributeType.SS);

    /// <summary>The NS value.</summary>
    public IReadOnlyList<DynamoNumber> AsNumberSet() => Type == AttributeType.NS ? (DynamoNumber[])_value! : throw WrongType(AttributeType.NS);

    /// <summary>The BS value.</summary>
    public IReadOnlyList<byte[]> AsBinarySet() => Type == AttributeType.BS ? (byte[][])_value! : throw WrongType(AttributeType.BS);

    /// <summary>The M value.</summary>
    public AttributeMap AsMap() => Type == AttributeType.M ? (AttributeMap)_value! : throw WrongType(AttributeType.M);

    /// <summary>The L value.</summary>
    public IReadOnlyList<DynamoValue> AsList() => Type == AttributeType.L ? (DynamoValue[])_value! : throw WrongType(AttributeType.L);

    /// <summary>Deep equality with DynamoDB's semantics: numbers compare numerically, sets ignore order,
    /// maps ignore attribute order, lists and binaries compare element by element.</summary>
    public bool Equals(DynamoValue other)
    {
        if (Type != other.Type)
        {
            return false;
        }

        return Type switch
        {
            AttributeType.NULL => true,
            AttributeType.BOOL => _bool == other._bool,
            AttributeType.S => string.Equals((string)_value!, (string)other._value!, StringComparison.Ordinal),
            AttributeType.N => AsNumber().Equals(other.AsNumber()),
            AttributeType.B => ((byte[])_value!).AsSpan().SequenceEqual((byte[])other._value!),
            AttributeType.M => ((AttributeMap)_value!).Equals((AttributeMap)other._value!),
            AttributeType.L => ListsEqual((DynamoValue[])_value!, (DynamoValue[])other._value!),
            AttributeType.SS => SetsEqual((string[])_value!, (string[])other._value!, StringComparer.Ordinal),
            AttributeType.NS => SetsEqual((DynamoNumber[])_value!, (DynamoNumber[])other._value!, EqualityComparer<DynamoNumber>.Default),
            AttributeType.BS => SetsEqual((byte[][])_value!, (byte[][])other._value!, ByteArrayComparer.Instance),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => obj is DynamoValue other && Equals(other);

    public override int GetHashCode() => Type switch
    {
        AttributeType.S => HashCode.Combine(Type, (string)_value!),
        AttributeType.BOOL => HashCode.Combine(Type, _bool),
        AttributeType.N => HashCode.Combine(Type, AsNumber()),
        _ => HashCode.Combine(Type),
    };

    public static bool operator ==(DynamoValue left, DynamoValue right) => left.Equals(right);

    public static bool operator !=(DynamoValue left, DynamoValue right) => !left.Equals(right);

    public override string ToString() => Type switch
    {
        AttributeType.S => "S",
        AttributeType.N => $"N {(string)_value!}",
        AttributeType.BOOL => $"BOOL {_bool}",
        _ => Type.ToString(),
    };

    private static bool ListsEqual(DynamoValue[] left, DynamoValue[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SetsEqual<T>(T[] left, T[] right, IEqualityComparer<T> comparer)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        var remaining = new HashSet<T>(left, comparer);
        foreach (var item in right)
        {
            if (!remaining.Contains(item))
            {
                return false;
            }
        }

        return remaining.Count == new HashSet<T>(right, comparer).Count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private InvalidOperationException WrongType(AttributeType expected) =>
        new($"attribute is of type {Type}, not {expected}");

    internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = default(HashCode);
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
