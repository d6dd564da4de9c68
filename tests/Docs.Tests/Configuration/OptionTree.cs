using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Bus.Consumers.Marketing;
using Bus.Consumers.Notifications;
using Bus.Consumers.Shipping.Hosting;
using Bus.Messaging.Gateway;
using Bus.Messaging.Persistence;
using Bus.Messaging.Transport;
using Bus.StandIns.Hosting;
using Bus.StreamBridge.Configuration;

namespace Bus.Docs.Tests.Configuration;

/// <summary>
/// Every key the components bind from configuration, found by reflection over the real options classes the way
/// <c>ConfigurationBinder</c> sees them: public settable properties, nested classes, dictionaries and lists.
/// </summary>
public static partial class OptionTree
{
    /// <summary>The sections the components bind (<c>AddOptions&lt;T&gt;().Bind(…)</c>) and their classes.</summary>
    public static IReadOnlyList<OptionSection> Sections { get; } =
    [
        new(BridgeOptions.SectionName, typeof(BridgeOptions)),
        new(BusTransportOptions.SectionName, typeof(BusTransportOptions)),
        new(DatabaseOptions.SectionName, typeof(DatabaseOptions)),
        // WebhookClientRegistration binds one named instance per external system.
        new("ExternalSystems:<>", typeof(ExternalSystemOptions)),
        new(MarketingOptions.SectionName, typeof(MarketingOptions)),
        new(ShippingOptions.SectionName, typeof(ShippingOptions)),
        new(NotificationsOptions.SectionName, typeof(NotificationsOptions)),
        new(StandInOptions.SectionName, typeof(StandInOptions)),
    ];

    /// <summary>The assemblies whose options classes the reference must cover.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        typeof(BridgeOptions).Assembly,
        typeof(BusTransportOptions).Assembly,
        typeof(MarketingOptions).Assembly,
        typeof(ShippingOptions).Assembly,
        typeof(NotificationsOptions).Assembly,
        typeof(StandInOptions).Assembly,
    ];

    private static readonly (List<OptionLeaf> Leaves, HashSet<Type> Reached) Tree = Build();

    public static IReadOnlyList<OptionLeaf> Leaves => Tree.Leaves;

    /// <summary>Every class reached while walking <see cref="Sections"/>.</summary>
    public static IReadOnlySet<Type> ReachedTypes => Tree.Reached;

    /// <summary><c>Bridge:Tables:&lt;table&gt;:Routes:&lt;n&gt;:Translator</c> → <c>Bridge:Tables:&lt;&gt;:Routes:&lt;&gt;:Translator</c>.</summary>
    public static string Normalize(string key) => Placeholder().Replace(key, "<>");

    /// <summary>The leaf a concrete key such as <c>ExternalSystems:Email:BaseUrl</c> binds to, or null when no options
    /// class has it.</summary>
    public static OptionLeaf? Resolve(string concreteKey)
    {
        var segments = concreteKey.Split(':');
        foreach (var section in Sections)
        {
            var prefix = section.Prefix.Split(':');
            if (segments.Length <= prefix.Length
                || !prefix.Select((p, i) => p == "<>" || string.Equals(p, segments[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            {
                continue;
            }

            var normalized = new List<string>(prefix);
            var type = section.OptionsType;
            for (var i = prefix.Length; i < segments.Length; i++)
            {
                var property = type?.GetProperty(segments[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (type is null || property is null)
                {
                    return null;
                }

                normalized.Add(property.Name);
                type = property.PropertyType;
                if (Element(type) is { } element)
                {
                    i++;
                    normalized.Add("<>");
                    type = element;
                }

                type = IsLeaf(type) ? null : type;
            }

            var key = string.Join(':', normalized);
            return Leaves.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase));
        }

        return null;
    }

    /// <summary>Reads <paramref name="text"/> as configuration binding would for <paramref name="type"/>.</summary>
    public static object? Convert(Type type, string text)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return Enum.Parse(underlying, text, ignoreCase: true);
        }

        return underlying == typeof(Uri)
            ? new Uri(text, UriKind.RelativeOrAbsolute)
            : TypeDescriptor.GetConverter(underlying).ConvertFromInvariantString(text);
    }

    /// <summary>Like <see cref="Convert"/>, but null when the text is not a value of the type.</summary>
    public static object? TryConvert(Type type, string text)
    {
        try
        {
            return Convert(type, text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The type column of the reference: a word for scalars, the member names for an enum.</summary>
    public static string TypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return string.Join(", ", Enum.GetNames(underlying).Select(n => $"`{n}`"));
        }

        return underlying switch
        {
            _ when underlying == typeof(string) => "string",
            _ when underlying == typeof(int) || underlying == typeof(long) => "integer",
            _ when underlying == typeof(bool) => "boolean",
            _ when underlying == typeof(double) || underlying == typeof(decimal) => "number",
            _ when underlying == typeof(TimeSpan) => "time span",
            _ when underlying == typeof(Uri) => "URL",
            _ => throw new NotSupportedException($"no reference name for {underlying}"),
        };
    }

    private static (List<OptionLeaf>, HashSet<Type>) Build()
    {
        var leaves = new List<OptionLeaf>();
        var visited = new HashSet<Type>();
        foreach (var section in Sections)
        {
            Walk(section.OptionsType, section.Prefix, Activator.CreateInstance(section.OptionsType), leaves, visited);
        }

        return (leaves, visited);
    }

    private static void Walk(Type type, string prefix, object? instance, List<OptionLeaf> leaves, HashSet<Type> visited)
    {
        visited.Add(type);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken);
        foreach (var property in properties)
        {
            var key = $"{prefix}:{property.Name}";
            var value = instance is null ? null : property.GetValue(instance);
            if (IsLeaf(property.PropertyType))
            {
                leaves.Add(new OptionLeaf(key, property, property.PropertyType, value));
            }
            else if (Element(property.PropertyType) is { } element)
            {
                if (IsLeaf(element))
                {
                    leaves.Add(new OptionLeaf($"{key}:<>", property, element, null));
                }
                else
                {
                    Walk(element, $"{key}:<>", Activator.CreateInstance(element), leaves, visited);
                }
            }
            else
            {
                Walk(property.PropertyType, key, value ?? Activator.CreateInstance(property.PropertyType), leaves, visited);
            }
        }
    }

    /// <summary>The value type of a dictionary or list property (their keys and indexes are configuration segments).</summary>
    private static Type? Element(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>))?.GetGenericArguments()[0];
    }

    private static bool IsLeaf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan) || underlying == typeof(Uri);
    }

    public static string Invariant(object? value) => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Placeholder();
}
