using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Routing;

/// <summary>
/// Picks the translator for a record: by table name (from the stream ARN or the Kinesis record), then, for a
/// single-table design, by key prefix or entity-type attribute. Built once from validated configuration.
/// </summary>
public sealed class TableRouter
{
    private readonly Dictionary<string, TableRoute> _tables;

    public TableRouter(IOptions<BridgeOptions> options, IEnumerable<IChangeTranslator> translators)
    {
        ArgumentNullException.ThrowIfNull(options);
        var byName = translators.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _tables = new Dictionary<string, TableRoute>(StringComparer.Ordinal);
        foreach (var (key, config) in options.Value.Tables)
        {
            _ = StreamViewTypes.TryParse(config.StreamViewType, out var declared);
            var table = config.EffectiveTableName(key);
            _tables[table] = new TableRoute
            {
                TableName = table,
                Translator = string.IsNullOrEmpty(config.Translator) ? null : byName[config.Translator],
                Routes = [.. config.Routes.Select(r => (r, byName[r.Translator!]))],
                VersionAttribute = config.VersionAttribute,
                PublishItemChanged = config.PublishItemChanged,
                Enrichment = config.Enrichment,
                DeclaredViewType = config.StreamViewType is null ? null : declared,
            };
        }
    }

    /// <summary>The configured tables.</summary>
    public IReadOnlyCollection<TableRoute> Tables => _tables.Values;

    /// <summary>The table route and translator for <paramref name="record"/>. The table is null when the table is
    /// not configured; the translator is null when no route matches the item (or the table only publishes the
    /// generic event).</summary>
    public (TableRoute? Table, IChangeTranslator? Translator) Resolve(ChangeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_tables.TryGetValue(record.TableName, out var table))
        {
            return (null, null);
        }

        if (table.Translator is not null)
        {
            return (table, table.Translator);
        }

        foreach (var (route, translator) in table.Routes)
        {
            if (Matches(route, record))
            {
                return (table, translator);
            }
        }

        return (table, null);
    }

    private static bool Matches(RouteOptions route, ChangeRecord record)
    {
        // Same test as BridgeOptionsValidator: configuration binds "" for an emptied setting, and a route is a key
        // route only when both its key attribute and prefix are set.
        if (!string.IsNullOrEmpty(route.KeyAttribute) && !string.IsNullOrEmpty(route.KeyPrefix))
        {
            return record.Keys.TryGetValue(route.KeyAttribute, out var key)
                && key.Type == AttributeType.S
                && key.AsString().StartsWith(route.KeyPrefix, StringComparison.Ordinal);
        }

        var image = record.NewImage ?? record.OldImage;
        return image is not null
            && image.TryGetValue(route.EntityTypeAttribute!, out var type)
            && type.Type == AttributeType.S
            && string.Equals(type.AsString(), route.EntityType, StringComparison.Ordinal);
    }
}
