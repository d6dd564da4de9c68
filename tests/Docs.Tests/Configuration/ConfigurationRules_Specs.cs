using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Bus.Consumers.Marketing;
using Bus.Consumers.Marketing.Persistence;
using Bus.Consumers.Notifications;
using Bus.Consumers.Shipping.Hosting;
using Bus.Messaging.Gateway;
using Bus.Messaging.Persistence;
using Bus.Messaging.Transport;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.Docs.Tests.Configuration;

/// <summary>
/// The rules column of docs/configuration.md is enforced: for every validation attribute of every option, a value that
/// breaks it makes the component's own registration refuse its options, naming the property. (Data annotations do not
/// look into nested classes unless the property says so, so an attribute can exist and never be checked.)
/// </summary>
public sealed class ConfigurationRules_Specs
{
    private const string System = "Email";

    // Enough for every section to be valid, so that the one broken value is the only problem.
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:ConnectionString"] = "Data Source=docs-tests.db",
        [$"ExternalSystems:{System}:BaseUrl"] = "http://127.0.0.1:9/",
        [$"ExternalSystems:{System}:SigningSecret"] = "a-secret-of-sixteen-or-more",
        ["ExternalSystems:MarketingPlatform:BaseUrl"] = "http://127.0.0.1:9/",
        ["ExternalSystems:MarketingPlatform:SigningSecret"] = "a-secret-of-sixteen-or-more",
        ["ExternalSystems:ShippingSystem:BaseUrl"] = "http://127.0.0.1:9/",
        ["ExternalSystems:ShippingSystem:SigningSecret"] = "a-secret-of-sixteen-or-more",
        ["ExternalSystems:Sms:BaseUrl"] = "http://127.0.0.1:9/",
        ["ExternalSystems:Sms:SigningSecret"] = "a-secret-of-sixteen-or-more",
        ["ExternalSystems:Purchasing:BaseUrl"] = "http://127.0.0.1:9/",
        ["ExternalSystems:Purchasing:SigningSecret"] = "a-secret-of-sixteen-or-more",
    };

    [Fact]
    public void Every_section_is_valid_with_the_base_settings()
    {
        var failures = OptionTree.Sections
            .Where(s => s.OptionsType != typeof(Bus.StandIns.Hosting.StandInOptions))
            .Select(s => (s.Prefix, Failure: Resolve(s.Prefix, Valid)))
            .Where(r => r.Failure is not null)
            .Select(r => $"{r.Prefix}: {r.Failure}")
            .ToList();

        Assert.Empty(failures);
    }

    [Fact]
    public void A_value_breaking_any_validation_attribute_stops_the_start()
    {
        var unenforced = new List<string>();
        foreach (var leaf in OptionTree.Leaves)
        {
            foreach (var attribute in leaf.Property.GetCustomAttributes<ValidationAttribute>())
            {
                var key = leaf.Key.Replace("<>", System, StringComparison.Ordinal);
                var settings = new Dictionary<string, string?>(Valid) { [key] = Breaking(attribute, leaf) };
                var failure = Resolve(SectionOf(leaf), settings);
                if (failure is null || !failure.Contains(leaf.Property.Name, StringComparison.Ordinal))
                {
                    unenforced.Add($"{key} = '{settings[key]}' breaks [{attribute.GetType().Name}] but {(failure is null ? "was accepted" : $"failed otherwise: {failure}")}");
                }
            }
        }

        Assert.True(unenforced.Count == 0, string.Join("; ", unenforced));
    }

    private static string SectionOf(OptionLeaf leaf) =>
        OptionTree.Sections.First(s => leaf.Key.StartsWith(s.Prefix + ":", StringComparison.Ordinal)).Prefix;

    /// <summary>A configuration value that <paramref name="attribute"/> rejects.</summary>
    private static string? Breaking(ValidationAttribute attribute, OptionLeaf leaf) => attribute switch
    {
        // Absent, or empty for a string: the defaults of the required options without one are null.
        RequiredAttribute => leaf.ValueType == typeof(string) ? string.Empty : null,
        RangeAttribute range => Above(leaf.ValueType, OptionTree.Invariant(range.Maximum)),
        MinLengthAttribute length => new string('x', length.Length - 1),
        RegularExpressionAttribute => "Not Allowed!",
        _ => throw new NotSupportedException($"{attribute.GetType().Name} on {leaf.Key}: teach this spec how to break it"),
    };

    private static string Above(Type type, string maximum) => type switch
    {
        _ when type == typeof(int) => (int.Parse(maximum, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture),
        _ when type == typeof(double) => (double.Parse(maximum, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture),
        _ when type == typeof(TimeSpan) => (TimeSpan.Parse(maximum, CultureInfo.InvariantCulture) + TimeSpan.FromDays(1)).ToString("c", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"no value above the range of {type}"),
    };

    /// <summary>Registers the section the way its component does and resolves it; the validation failure, if any.</summary>
    private static string? Resolve(string section, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        Func<IServiceProvider, object> resolve = section switch
        {
            BridgeOptions.SectionName => Register(services, s => s.AddStreamBridgeCore(configuration), sp => sp.GetRequiredService<IOptions<BridgeOptions>>().Value),
            BusTransportOptions.SectionName => Register(services, s => s.AddBusTransportOptions(configuration), sp => sp.GetRequiredService<IOptions<BusTransportOptions>>().Value),
            DatabaseOptions.SectionName => Register(services, s => s.AddServiceDatabase<MarketingDbContext>(configuration, MarketingDbContext.Schema),
                sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value),
            "ExternalSystems:<>" => Register(services, s => s.AddWebhookClient(System, configuration), sp => sp.GetRequiredService<IOptionsMonitor<ExternalSystemOptions>>().Get(System)),
            MarketingOptions.SectionName => Register(services, s => s.AddMarketingCore(configuration), sp => sp.GetRequiredService<IOptions<MarketingOptions>>().Value),
            ShippingOptions.SectionName => Register(services, s => s.AddShippingCore(configuration), sp => sp.GetRequiredService<IOptions<ShippingOptions>>().Value),
            NotificationsOptions.SectionName => Register(services, s => s.AddNotificationsCore(configuration), sp => sp.GetRequiredService<IOptions<NotificationsOptions>>().Value),
            _ => throw new NotSupportedException($"section {section}: teach this spec its component's registration"),
        };

        using var provider = services.BuildServiceProvider();
        try
        {
            resolve(provider);
            return null;
        }
        catch (OptionsValidationException e)
        {
            return string.Join(" | ", e.Failures);
        }
    }

    private static Func<IServiceProvider, object> Register(IServiceCollection services, Action<IServiceCollection> register, Func<IServiceProvider, object> resolve)
    {
        register(services);
        return resolve;
    }
}
