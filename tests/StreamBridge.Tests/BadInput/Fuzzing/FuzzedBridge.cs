namespace Bus.StreamBridge.Tests.BadInput.Fuzzing;

/// <summary>
/// The bridge under test with the generic ItemChanged event on for every table: then every routed record that
/// decodes publishes at least one event, so a record that published nothing and was not stored is a lost record.
/// It lives as long as an on-demand fuzz run may.
/// </summary>
public sealed class FuzzedBridge : BridgeUnderTest
{
    /// <summary>The tables the harness routes.</summary>
    public static readonly IReadOnlySet<string> RoutedTables = new HashSet<string>(StringComparer.Ordinal) { "Customers", "Orders", "Inventory" };

    protected override TimeSpan Lifetime => TimeSpan.FromDays(1);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        foreach (var table in RoutedTables)
        {
            settings[$"Bridge:Tables:{table}:PublishItemChanged"] = "true";
        }
    }
}
