using Bus.Consumers.Marketing;
using Bus.Consumers.Notifications;
using Bus.Consumers.Shipping.Hosting;
using Bus.Messaging.Gateway;
using Bus.Messaging.Persistence;
using Bus.Messaging.Transport;
using Bus.StandIns.Hosting;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.Deployment.Tests.Support;

/// <summary>
/// One of the repository's executables with the configuration sections it binds, each to its real option class, and
/// its real registration, so settings given to a container or a Lambda function are checked against what the code reads.
/// </summary>
public sealed class App
{
    private readonly Action<IServiceCollection, IConfiguration> _register;

    private App(ProjectFile project, bool webHost, IReadOnlyDictionary<string, Type> sections, Action<IServiceCollection, IConfiguration> register)
    {
        Project = project;
        WebHost = webHost;
        Sections = sections;
        _register = register;
    }

    public ProjectFile Project { get; }

    /// <summary>A WebApplication, which also reads the host setting <c>Urls</c>.</summary>
    public bool WebHost { get; }

    /// <summary>Top-level configuration section → the type it binds to.</summary>
    public IReadOnlyDictionary<string, Type> Sections { get; }

    public static App For(ProjectFile project) => project.Folder switch
    {
        "src/Consumers.Marketing" => Consumer(project, MarketingOptions.SectionName, typeof(MarketingOptions), (s, c) => s.AddMarketingCore(c)),
        "src/Consumers.Shipping" => Consumer(project, ShippingOptions.SectionName, typeof(ShippingOptions), (s, c) => s.AddShippingCore(c)),
        "src/Consumers.Notifications" => Consumer(project, NotificationsOptions.SectionName, typeof(NotificationsOptions), (s, c) => s.AddNotificationsCore(c)),
        "src/StreamBridge" => new App(project, webHost: false,
            new Dictionary<string, Type> { [BridgeOptions.SectionName] = typeof(BridgeOptions), [BusTransportOptions.SectionName] = typeof(BusTransportOptions) },
            (s, c) => s.AddStreamBridgeCore(c).AddBusTransportOptions(c)),
        "src/StandIns" => new App(project, webHost: false,
            new Dictionary<string, Type> { [StandInOptions.SectionName] = typeof(StandInOptions) },
            (s, c) => s.AddStandIns(c)),
        _ => throw new InvalidOperationException($"{project.Path} is not an executable these tests know; add it to {nameof(App)}"),
    };

    /// <summary><c>appsettings.json</c> of the project (when it has one), then <paramref name="environment"/> with <c>__</c> as <c>:</c>,
    /// the order the hosts read them in.</summary>
    public IConfigurationRoot Configuration(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddJsonFile(Repository.PathOf(Project.Folder + "/appsettings.json"), optional: true)
            .AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)))
            .Build();

    /// <summary>
    /// Every problem with <paramref name="environment"/>: a variable outside the sections the app binds, a key no
    /// option property has (binding with <c>ErrorOnUnknownConfiguration</c>), a value that does not convert, an external
    /// system the app does not call, and whatever the app's own start-up validation rejects.
    /// </summary>
    public IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> environment)
    {
        var problems = new List<string>();
        foreach (var name in environment.Keys)
        {
            var root = name.Split("__")[0];
            var known = Sections.ContainsKey(root) || root == "Logging" || (WebHost && name == "Urls");
            if (!known)
            {
                problems.Add($"{name}: {Project.AssemblyName} reads no setting {name.Replace("__", ":", StringComparison.Ordinal)}");
            }
        }

        var configuration = Configuration(environment);
        foreach (var (section, type) in Sections)
        {
            try
            {
                configuration.GetSection(section).Get(type, o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{section}: {Flatten(e)}");
            }
        }

        var services = new ServiceCollection();
        try
        {
            _register(services, configuration);
        }
        catch (InvalidOperationException e)
        {
            // Some registrations read their options eagerly (the database provider, the endpoint names).
            problems.Add($"registration: {Flatten(e)}");
            return problems;
        }

        if (Sections.ContainsKey("ExternalSystems"))
        {
            var called = services.Where(d => d.IsKeyedService && d.ServiceType == typeof(WebhookClient)).Select(d => (string)d.ServiceKey!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var system in configuration.GetSection("ExternalSystems").GetChildren())
            {
                if (!called.Contains(system.Key))
                {
                    problems.Add($"ExternalSystems:{system.Key}: {Project.AssemblyName} calls only {string.Join(", ", called.Order())}");
                }
            }
        }

        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException)
        {
            problems.Add($"start-up validation: {Flatten(e)}");
        }

        return problems;
    }

    private static App Consumer(ProjectFile project, string section, Type options, Action<IServiceCollection, IConfiguration> core) =>
        new(project, webHost: true,
            new Dictionary<string, Type>
            {
                [section] = options,
                [DatabaseOptions.SectionName] = typeof(DatabaseOptions),
                [BusTransportOptions.SectionName] = typeof(BusTransportOptions),
                ["ExternalSystems"] = typeof(Dictionary<string, ExternalSystemOptions>),
            },
            (s, c) =>
            {
                core(s, c);
                s.AddBusTransportOptions(c);
            });

    private static string Flatten(Exception e) => e switch
    {
        AggregateException a => string.Join("; ", a.InnerExceptions.Select(Flatten)),
        OptionsValidationException o => string.Join("; ", o.Failures),
        _ when e.InnerException is not null => $"{e.Message} ({Flatten(e.InnerException)})",
        _ => e.Message,
    };
}
