namespace Bus.StreamBridge.Configuration;

/// <summary>How one DynamoDB table's changes are translated (configuration <c>Bridge:Tables:&lt;table name&gt;</c>).</summary>
public sealed class TableOptions
{
    /// <summary>The table's name as the stream ARN or Kinesis record carries it, when it differs from the configuration
    /// key; the key is then only a label. Environment variable names cannot hold every table name (<c>-</c> and
    /// <c>.</c> are allowed in DynamoDB names) and a deployment template cannot compute a variable's name, so the
    /// Lambda template sets <c>Bridge__Tables__Customers__TableName</c> to the table it created.</summary>
    public string? TableName { get; set; }

    /// <summary>Translator for every item of the table; leave empty and use <see cref="Routes"/> for a
    /// single-table design.</summary>
    public string? Translator { get; set; }

    /// <summary>Single-table routes, tried in order; the first match wins.</summary>
    public List<RouteOptions> Routes { get; set; } = [];

    /// <summary>Numeric attribute holding the item's version, copied into the change metadata.</summary>
    public string VersionAttribute { get; set; } = "version";

    /// <summary>Also publish the generic <c>ItemChanged</c> event for every change of the table.</summary>
    public bool PublishItemChanged { get; set; }

    /// <summary>The view type the table's stream is configured with (<c>KEYS_ONLY</c>, <c>NEW_IMAGE</c>,
    /// <c>OLD_IMAGE</c>, <c>NEW_AND_OLD_IMAGES</c>). When set, start-up fails if the translator needs more than the
    /// stream plus enrichment can give.</summary>
    public string? StreamViewType { get; set; }

    /// <summary>How to obtain a new image the stream does not carry.</summary>
    public EnrichmentMode Enrichment { get; set; } = EnrichmentMode.None;

    /// <summary>The name records of this table carry: <see cref="TableName"/> when set, else the configuration key.</summary>
    public string EffectiveTableName(string key) => string.IsNullOrEmpty(TableName) ? key : TableName;
}
