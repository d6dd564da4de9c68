using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Persistence;

/// <summary>
/// Brings the service's database up to date before the bus starts consuming (registered ahead of MassTransit's
/// hosted service): EF Core migrations on PostgreSQL, the model's schema on an embedded SQLite file.
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        if (options.Value.Provider == DatabaseProvider.Postgres)
        {
            await database.MigrateAsync(cancellationToken);
        }
        else
        {
            await database.EnsureCreatedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
