using Bus.Contracts;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Configuration;

/// <summary>
/// Start-up checks of <see cref="BridgeOptions"/>: translator names exist, single-table routes are complete, and
/// every translator gets the images it needs from the declared stream view type plus enrichment, so a
/// misconfigured stream fails loudly at start rather than record by record.
/// </summary>
public sealed class BridgeOptionsValidator(IEnumerable<IChangeTranslator> translators) : IValidateOptions<BridgeOptions>
{
    private readonly Dictionary<string, IChangeTranslator> _translators = translators.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var keyByTableName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (table, config) in options.Tables)
        {
            ValidateTable($"Bridge:Tables:{table}", config, errors);
            var tableName = config.EffectiveTableName(table);
            if (!keyByTableName.TryAdd(tableName, table))
            {
                errors.Add($"Bridge:Tables:{table} and Bridge:Tables:{keyByTableName[tableName]} both route table '{tableName}' (check their TableName settings)");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateTable(string path, TableOptions config, List<string> errors)
    {
        var hasTranslator = !string.IsNullOrEmpty(config.Translator);
        if (hasTranslator == config.Routes.Count > 0)
        {
            if (hasTranslator || !config.PublishItemChanged)
            {
                errors.Add($"{path}: set either Translator or Routes (or only PublishItemChanged for a generic-only table)");
            }
        }

        if (string.IsNullOrEmpty(config.VersionAttribute))
        {
            errors.Add($"{path}:VersionAttribute must not be empty");
        }

        var used = new List<IChangeTranslator>();
        if (hasTranslator)
        {
            AddTranslator(path, config.Translator!, used, errors);
        }

        for (var i = 0; i < config.Routes.Count; i++)
        {
            var route = config.Routes[i];
            var routePath = $"{path}:Routes:{i}";
            if (string.IsNullOrEmpty(route.Translator))
            {
                errors.Add($"{routePath}:Translator is required");
            }
            else
            {
                AddTranslator(routePath, route.Translator, used, errors);
            }

            var byKey = !string.IsNullOrEmpty(route.KeyAttribute) && !string.IsNullOrEmpty(route.KeyPrefix);
            var byType = !string.IsNullOrEmpty(route.EntityTypeAttribute) && !string.IsNullOrEmpty(route.EntityType);
            if (byKey == byType)
            {
                errors.Add($"{routePath}: set either KeyAttribute and KeyPrefix, or EntityTypeAttribute and EntityType");
            }
        }

        if (config.PublishItemChanged)
        {
            used.Add(_translators["ItemChanged"]);
        }

        if (config.StreamViewType is null)
        {
            return;
        }

        if (!StreamViewTypes.TryParse(config.StreamViewType, out var viewType))
        {
            errors.Add($"{path}:StreamViewType must be KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES");
            return;
        }

        var available = StreamViewTypes.Carries(viewType)
            | (config.Enrichment == EnrichmentMode.GetItem ? ImageNeeds.NewImage : ImageNeeds.KeysOnly);
        foreach (var translator in used)
        {
            foreach (var kind in new[] { ChangeKind.Insert, ChangeKind.Modify, ChangeKind.Remove })
            {
                var needs = translator.Requirements.For(kind);
                if ((needs & ~available) != 0)
                {
                    errors.Add($"{path}: translator {translator.Name} needs stream view type {StreamViewTypes.Naming(needs)} " +
                        $"for {kind.ToString().ToUpperInvariant()} records, but the stream is {config.StreamViewType}" +
                        (config.Enrichment == EnrichmentMode.GetItem || (needs & ImageNeeds.OldImage) != 0
                            ? string.Empty
                            : " (or set Enrichment to GetItem)"));
                }
            }
        }
    }

    private void AddTranslator(string path, string translatorName, List<IChangeTranslator> used, List<string> errors)
    {
        if (_translators.TryGetValue(translatorName, out var translator))
        {
            used.Add(translator);
        }
        else
        {
            errors.Add($"{path}: unknown translator '{translatorName}' (known: {string.Join(", ", _translators.Keys.Order(StringComparer.Ordinal))})");
        }
    }
}
