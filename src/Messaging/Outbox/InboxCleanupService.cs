using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Outbox;

/// <summary>
/// Removes inbox rows whose outbox was delivered longer ago than the duplicate-detection window. Several instances may run
/// at once: each deletes a batch of the oldest rows, and deleting a row another instance already deleted is a no-op.
/// </summary>
internal sealed partial class InboxCleanupService<TDbContext> : BackgroundService
    where TDbContext : DbContext
{
    private readonly ILogger _logger;
    private readonly InboxCleanupServiceOptions _options;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly TimeProvider _timeProvider;

    public InboxCleanupService(IOptions<InboxCleanupServiceOptions<TDbContext>> options, IServiceScopeFactory scopeFactory,
        ILogger<InboxCleanupService<TDbContext>> logger, TimeProvider? timeProvider = null)
    {
        _options = options.Value;
        _scopeFactory = scopeFactory;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var removed = 0;
            try
            {
                removed = await RemoveExpired(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The service must outlive a database outage; the next round tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogCleanupFailed(_logger, exception);
            }

            // A full batch means more rows are waiting.
            if (removed < _options.QueryMessageLimit)
            {
                try
                {
                    await Task.Delay(_options.QueryDelay, _timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Deletes one batch of expired inbox rows, with any outbox rows left behind by a crash; returns how many.</summary>
    internal async Task<int> RemoveExpired(CancellationToken cancellationToken)
    {
        var scope = _scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.QueryTimeout);

            var removeBefore = _timeProvider.GetUtcNow().UtcDateTime - _options.DuplicateDetectionWindow;

            var expired = dbContext.Set<InboxState>()
                .Where(x => x.Delivered != null && x.Delivered < removeBefore)
                .OrderBy(x => x.Delivered)
                .Take(_options.QueryMessageLimit);

            var transaction = await dbContext.Database.BeginTransactionAsync(timeout.Token).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Delivered outbox rows are normally removed by the next pass of the message; a crash can leave them, and
                // their foreign key would keep the inbox row.
                var rows = await expired.Select(x => new { x.Id, x.MessageId, x.ConsumerId })
                    .ToListAsync(timeout.Token).ConfigureAwait(false);
                foreach (var row in rows)
                {
                    await dbContext.Set<OutboxMessage>()
                        .Where(x => x.InboxMessageId == row.MessageId && x.InboxConsumerId == row.ConsumerId)
                        .ExecuteDeleteAsync(timeout.Token).ConfigureAwait(false);
                }

                var ids = rows.Select(x => x.Id).ToList();
                var count = await dbContext.Set<InboxState>().Where(x => ids.Contains(x.Id))
                    .ExecuteDeleteAsync(timeout.Token).ConfigureAwait(false);

                await transaction.CommitAsync(timeout.Token).ConfigureAwait(false);

                if (count > 0)
                    LogRemoved(_logger, count);

                return count;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed {Count} expired inbox rows")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox cleanup failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
