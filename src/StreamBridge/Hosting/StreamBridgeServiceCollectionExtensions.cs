using Amazon;
using Amazon.DynamoDBv2;
using Bus.Messaging.Transport;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Enrichment;
using Bus.StreamBridge.Failures;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Publishing;
using Bus.StreamBridge.Routing;
using Bus.StreamBridge.Translation;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Hosting;

/// <summary>The bridge's registration: options, translators, routing, enrichment, failed-record store, publishing.</summary>
public static class StreamBridgeServiceCollectionExtensions
{
    /// <summary>Everything the bridge needs, including the bus on the configured transport.</summary>
    public static IServiceCollection AddStreamBridge(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStreamBridgeCore(configuration).AddBus(configuration);

    /// <summary>Everything but the bus, for hosts (and test harnesses) that register MassTransit themselves.</summary>
    public static IServiceCollection AddStreamBridgeCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(BridgeOptions.SectionName);
        services.AddOptions<BridgeOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BridgeOptions>, BridgeOptionsAnnotationsValidator>();
        services.AddSingleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>();

        services.AddSingleton<ItemChangedTranslator>();
        services.AddSingleton<IChangeTranslator, CustomersTranslator>();
        services.AddSingleton<IChangeTranslator, OrdersTranslator>();
        services.AddSingleton<IChangeTranslator, InventoryTranslator>();
        services.AddSingleton<IChangeTranslator>(sp => sp.GetRequiredService<ItemChangedTranslator>());
        services.AddSingleton<TableRouter>();
        services.AddSingleton(sp => new ChangeProcessor(
            sp.GetRequiredService<TableRouter>(), sp.GetRequiredService<ItemChangedTranslator>(), sp.GetService<IItemReader>()));

        var options = section.Get<BridgeOptions>() ?? new BridgeOptions();
        if (options.Tables.Values.Any(t => t.Enrichment == EnrichmentMode.GetItem))
        {
            services.TryAddSingleton<IAmazonDynamoDB>(_ => CreateDynamoDbClient(options.DynamoDb));
            services.TryAddSingleton<IItemReader, DynamoDbItemReader>();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<BridgeMetrics>();
        services.TryAddSingleton<IEventPublisher>(sp => new MassTransitEventPublisher(sp.GetRequiredService<IBus>()));
        services.TryAddSingleton<IFailedRecordStore>(sp => options.FailedRecords.Store == FailedRecordStoreKind.Queue
            ? new QueueFailedRecordStore(sp.GetRequiredService<IBus>(), sp.GetRequiredService<IOptions<BridgeOptions>>(), sp.GetRequiredService<TimeProvider>())
            : new FileFailedRecordStore(sp.GetRequiredService<IOptions<BridgeOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BatchProcessor>();
        if (!string.IsNullOrEmpty(options.CloudWatchMetricsNamespace))
        {
            // Standard output: the host's logs go to standard error, so every stdout line of the function is an EMF document.
            services.TryAddSingleton(sp => new EmbeddedMetricsWriter(
                sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), options.CloudWatchMetricsNamespace,
                Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME"), Console.Out, sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<StreamBatchHandler>();
        return services;
    }

    private static AmazonDynamoDBClient CreateDynamoDbClient(DynamoDbOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (!string.IsNullOrEmpty(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return new AmazonDynamoDBClient(config);
    }
}
