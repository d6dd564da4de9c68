using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MassTransit;

namespace Bus.Contracts.Tests;

/// <summary>
/// Reads the <see cref="WireContract"/> of the events in an assembly (every public type implementing
/// <see cref="IChangeEvent"/>) as a serializer with the given options writes and reads them: property names, <c>required</c>
/// and enum values come from System.Text.Json's own contract for those options, nullability from the C# annotations.
/// </summary>
public static class ContractShape
{
    public static WireContract Of(Assembly assembly, JsonSerializerOptions serializerOptions)
    {
        var options = new JsonSerializerOptions(serializerOptions);
        options.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        var reader = new Reader(assembly, options);
        var events = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IChangeEvent).IsAssignableFrom(t))
            .ToDictionary(t => t.FullName!, t => new WireEvent(
                MessageUrn.ForTypeString(t),
                t.GetCustomAttribute<EntityNameAttribute>()?.EntityName,
                reader.Properties(t)));
        return new WireContract(events, reader.Types, reader.Enums);
    }

    private sealed class Reader(Assembly assembly, JsonSerializerOptions options)
    {
        private readonly NullabilityInfoContext _nullability = new();

        public Dictionary<string, IReadOnlyDictionary<string, WireProperty>> Types { get; } = [];

        public Dictionary<string, IReadOnlyDictionary<string, string>> Enums { get; } = [];

        public Dictionary<string, WireProperty> Properties(Type type)
        {
            var info = options.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object)
                throw new InvalidOperationException($"{type} is not written as a JSON object ({info.Kind}): a converter takes it over");

            return info.Properties.ToDictionary(p => p.Name, p => new WireProperty(TypeName(p.PropertyType), p.IsRequired, IsNullable(p)));
        }

        private bool IsNullable(JsonPropertyInfo property) => property.AttributeProvider switch
        {
            _ when Nullable.GetUnderlyingType(property.PropertyType) is not null => true,
            _ when property.PropertyType.IsValueType => false,
            PropertyInfo p => _nullability.Create(p).ReadState != NullabilityState.NotNull,
            FieldInfo f => _nullability.Create(f).ReadState != NullabilityState.NotNull,
            _ => true,
        };

        private string TypeName(Type type)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying)
                return TypeName(underlying);
            if (type.IsEnum)
                return Enum(type);
            if (Primitive(type) is { } primitive)
                return primitive;
            if (type.IsArray)
                return $"list<{TypeName(type.GetElementType()!)}>";
            if (type.IsGenericType && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                is { } enumerable)
                return $"list<{TypeName(enumerable.GetGenericArguments()[0])}>";
            if (type.Assembly == assembly)
            {
                if (!Types.ContainsKey(type.FullName!))
                {
                    Types[type.FullName!] = new Dictionary<string, WireProperty>(); // a placeholder while its properties are read (recursion)
                    Types[type.FullName!] = Properties(type);
                }

                return type.FullName!;
            }

            return type.FullName!;
        }

        private string Enum(Type type)
        {
            if (!Enums.ContainsKey(type.FullName!))
            {
                Enums[type.FullName!] = System.Enum.GetValues(type).Cast<object>()
                    .ToDictionary(v => System.Enum.GetName(type, v)!, v => JsonSerializer.Serialize(v, type, options));
            }

            return type.FullName!;
        }

        private static string? Primitive(Type type) => Type.GetTypeCode(type) switch
        {
            TypeCode.String => "string",
            TypeCode.Boolean => "boolean",
            TypeCode.Int32 => "int32",
            TypeCode.Int64 => "int64",
            TypeCode.Decimal => "decimal",
            TypeCode.Double => "double",
            TypeCode.DateTime => "date-time",
            _ when type == typeof(DateTimeOffset) => "date-time-offset",
            _ when type == typeof(DateOnly) => "date",
            _ when type == typeof(Guid) => "guid",
            _ when type == typeof(byte[]) => "bytes",
            _ => null,
        };
    }
}
