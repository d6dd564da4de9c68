using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Transport;

/// <summary>
/// The one place the transport is chosen. Adding Amazon SNS/SQS later is a package reference and one more case
/// in <see cref="UseConfiguredTransport"/>.
/// </summary>
public static class BusTransportExtensions
{
    /// <summary>Registers MassTransit on the transport named by configuration <c>Bus:Transport</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration holding the <c>Bus</c> section.</param>
    /// <param name="configure">Adds the service's consumers and other registrations.</param>
    public static IServiceCollection AddBus(
        this IServiceCollection services, IConfiguration configuration, Action<IBusRegistrationConfigurator>? configure = null)
    {
        services.AddBusTransportOptions(configuration);
        services.AddMassTransit(x =>
        {
            configure?.Invoke(x);
            x.UseConfiguredTransport(configuration);
        });
        return services;
    }

    /// <summary>Binds and validates <see cref="BusTransportOptions"/> at start-up.</summary>
    public static IServiceCollection AddBusTransportOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BusTransportOptions>()
            .Bind(configuration.GetSection(BusTransportOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.RabbitMq is not null, "Bus:RabbitMq is required")
            .Validate(o => o.StartTimeout >= TimeSpan.Zero, "Bus:StartTimeout must not be negative (zero waits for ever)")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Selects the transport for a bus registration.</summary>
    public static void UseConfiguredTransport(this IBusRegistrationConfigurator x, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(x);
        var options = configuration.GetSection(BusTransportOptions.SectionName).Get<BusTransportOptions>() ?? new BusTransportOptions();
        if (!string.IsNullOrEmpty(options.EndpointPrefix))
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, includeNamespace: false));
        }
        else
        {
            x.SetKebabCaseEndpointNameFormatter();
        }

        switch (options.Transport)
        {
            case TransportKind.InMemory:
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseCompactJson();
                    cfg.ConfigureEndpoints(context);
                });
                break;
            case TransportKind.RabbitMq:
                x.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = context.GetRequiredService<IOptions<BusTransportOptions>>().Value.RabbitMq;
                    cfg.ConfigureRabbitMqHost(rabbit);
                    cfg.UseCompactJson();
                    cfg.ConfigureEndpoints(context);
                });
                break;
            default:
                throw new OptionsValidationException(BusTransportOptions.SectionName, typeof(BusTransportOptions),
                    [$"Bus:Transport '{options.Transport}' is not supported"]);
        }
    }

    /// <summary>
    /// Writes message bodies without indentation. MassTransit 8 indents by default, which makes every body on the broker and in the
    /// outbox tables about a fifth larger and costs the bridge about 2.5 MiB per 10,000-record batch. The serializer's options are
    /// one static instance per process (MassTransit 8.5), so this applies to every bus in the process; readers accept both forms.
    /// </summary>
    public static void UseCompactJson(this IBusFactoryConfigurator cfg)
    {
        ArgumentNullException.ThrowIfNull(cfg);

        // A copy, not an in-place change: the options are read-only once MassTransit has serialized with them (a second bus in
        // the same process, as in the tests).
        cfg.ConfigureJsonSerializerOptions(options => options.WriteIndented ? new JsonSerializerOptions(options) { WriteIndented = false } : options);
    }

    /// <summary>Connects a RabbitMQ bus with publisher confirms, so a publish completes only once the broker
    /// has the message.</summary>
    public static void ConfigureRabbitMqHost(this IRabbitMqBusFactoryConfigurator cfg, RabbitMqOptions rabbit)
    {
        ArgumentNullException.ThrowIfNull(cfg);
        ArgumentNullException.ThrowIfNull(rabbit);
        cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h =>
        {
            h.Username(rabbit.Username);
            h.Password(rabbit.Password);
            h.PublisherConfirmation = true;
            if (!string.IsNullOrEmpty(rabbit.ConnectionName))
            {
                h.ConnectionName(rabbit.ConnectionName);
            }

            if (rabbit.UseTls)
            {
                h.UseSsl(s => s.ServerName = rabbit.Host);
            }
        });
    }
}
