using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bus.StandIns.Hosting;

public static class StandInServiceExtensions
{
    /// <summary>Runs every stand-in with the host, configured from section <c>StandIns</c> and validated at start-up.</summary>
    public static IServiceCollection AddStandIns(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StandInOptions>().Bind(configuration.GetSection(StandInOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StandInOptions>, StandInOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<StandInHostedService>();
        return services;
    }
}
