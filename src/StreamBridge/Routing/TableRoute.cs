using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Routing;

/// <summary>A configured table with its translators resolved.</summary>
public sealed class TableRoute
{
    public required string TableName { get; init; }

    /// <summary>The table-wide translator; null for a single-table design or a generic-only table.</summary>
    public IChangeTranslator? Translator { get; init; }

    /// <summary>Single-table routes, in order.</summary>
    public IReadOnlyList<(RouteOptions Route, IChangeTranslator Translator)> Routes { get; init; } = [];

    public required string VersionAttribute { get; init; }

    public bool PublishItemChanged { get; init; }

    public EnrichmentMode Enrichment { get; init; }

    public StreamViewType? DeclaredViewType { get; init; }
}
