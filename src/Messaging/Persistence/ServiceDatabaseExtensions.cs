using Bus.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bus.Messaging.Persistence;

/// <summary>Registers a service's DbContext on the configured provider, its start-up migration and its health check.</summary>
public static class ServiceDatabaseExtensions
{
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration holding the <c>Database</c> section.</param>
    /// <param name="schema">The service's PostgreSQL schema; its migrations history lives there too.</param>
    public static IServiceCollection AddServiceDatabase<TContext>(this IServiceCollection services, IConfiguration configuration, string schema)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = ReadOptions(configuration);
        services.AddDbContext<TContext>(builder => Configure(builder, options, schema));
        services.AddHealthChecks().AddDbContextCheck<TContext>($"{schema}-database", tags: ["ready"]);
        // Before the bus's hosted service: consumers must not run against a schema that is not there yet.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigrator<TContext>>());
        return services;
    }

    /// <summary>The inbox/outbox locking that matches the configured provider.</summary>
    public static IEntityFrameworkOutboxConfigurator UseConfiguredDatabase(this IEntityFrameworkOutboxConfigurator configurator, IConfiguration configuration) =>
        ReadOptions(configuration).Provider == DatabaseProvider.Sqlite ? configurator.UseSqlite() : configurator.UsePostgres();

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string schema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            builder.UseSqlite(options.ConnectionString);
        }
        else
        {
            // No retrying execution strategy: the inbox/outbox owns its transactions and MassTransit retries the message.
            builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", schema));
        }
    }

    private static DatabaseOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
}
