using Bus.StreamBridge.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bus.Deployment.Tests.Support;

public static class StreamBridgeRegistration
{
    /// <summary>The bridge's own registration without the bus, enough to build its routing from a configuration.</summary>
    public static IServiceCollection AddStreamBridgeCoreFor(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>)).AddStreamBridgeCore(configuration);
}
