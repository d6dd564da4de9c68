namespace Bus.StandIns;

/// <summary>The external systems the consumer services call, with the ports and signing secrets their
/// <c>appsettings.json</c> expect (<c>ExternalSystems:&lt;name&gt;</c>), so a stand-in started with no settings
/// answers a service started with none.</summary>
public static class StandInSystems
{
    public const string MarketingPlatform = "MarketingPlatform";
    public const string ShippingSystem = "ShippingSystem";
    public const string Email = "Email";
    public const string Sms = "Sms";
    public const string Purchasing = "Purchasing";

    /// <summary>Every system, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [MarketingPlatform, ShippingSystem, Email, Sms, Purchasing];

    /// <summary>The port a system listens on by default.</summary>
    public static int DefaultPort(string system) => Canonical(system) switch
    {
        MarketingPlatform => 5081,
        ShippingSystem => 5092,
        Email => 9101,
        Sms => 9102,
        _ => 9103,
    };

    /// <summary>The shared secret a system verifies signatures with by default.</summary>
    public static string DefaultSigningSecret(string system) => Canonical(system) switch
    {
        MarketingPlatform => "local-marketing-platform-secret",
        ShippingSystem => "local-shipping-system-secret",
        Email => "local-email-signing-secret",
        Sms => "local-sms-signing-secret-0",
        _ => "local-purchasing-signing-secret",
    };

    /// <summary>The system's name as spelled in <see cref="All"/>; configuration keys are case-insensitive.</summary>
    /// <exception cref="ArgumentException"><paramref name="system"/> is not one of <see cref="All"/>.</exception>
    public static string Canonical(string system) =>
        TryCanonical(system, out var name)
            ? name
            : throw new ArgumentException($"Unknown external system '{system}'; known: {string.Join(", ", All)}", nameof(system));

    public static bool TryCanonical(string? system, out string name)
    {
        foreach (var known in All)
        {
            if (string.Equals(known, system, StringComparison.OrdinalIgnoreCase))
            {
                name = known;
                return true;
            }
        }

        name = string.Empty;
        return false;
    }
}
