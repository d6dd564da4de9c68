using System.Data;
using Bus.Messaging.Outbox.Locking;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Outbox.Delivery;

/// <summary>
/// Delivers bus-outbox messages (rows with an OutboxId and no inbox row). One transaction per outbox scope: the oldest
/// <see cref="OutboxState"/> row that no other instance holds is locked (SKIP LOCKED on PostgreSQL), its messages are sent in
/// sequence order, and each sent message is deleted. A failed send stops that scope at the failed message, so the order
/// holds; the next round starts again there.
/// </summary>
internal sealed partial class BusOutboxDeliveryService<TDbContext> : BackgroundService
    where TDbContext : DbContext
{
    private readonly IBusControl _busControl;
    private readonly IsolationLevel _isolationLevel;
    private readonly ILockStatementProvider _lockStatementProvider;
    private readonly ILogger _logger;
    private readonly IBusOutboxNotification _notification;
    private readonly OutboxDeliveryServiceOptions _options;
    private readonly IServiceScopeFactory _scopeFactory;

    public BusOutboxDeliveryService(IBusControl busControl, IOptions<OutboxDeliveryServiceOptions> options,
        IOptions<EntityFrameworkOutboxOptions<TDbContext>> outboxOptions, IBusOutboxNotification notification,
        IServiceScopeFactory scopeFactory, ILogger<BusOutboxDeliveryService<TDbContext>> logger)
    {
        _busControl = busControl;
        _notification = notification;
        _scopeFactory = scopeFactory;
        _logger = logger;
        _options = options.Value;
        _lockStatementProvider = outboxOptions.Value.LockStatementProvider;
        _isolationLevel = outboxOptions.Value.IsolationLevel;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _busControl.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken).ConfigureAwait(false);

                var delivered = await DeliverOutboxes(stoppingToken).ConfigureAwait(false);
                if (delivered > 0)
                    continue;

                await _notification.WaitForDelivery(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The service must outlive a database or broker outage; the next round tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogDeliveryFailed(_logger, exception);
                try
                {
                    await Task.Delay(_options.QueryDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Delivers outbox scopes until none is left or the query limit is reached; returns how many messages were sent.</summary>
    internal async Task<int> DeliverOutboxes(CancellationToken cancellationToken)
    {
        var scope = _scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var statement = _lockStatementProvider.GetOutboxStatement(dbContext);

            var sent = 0;
            while (sent < _options.QueryMessageLimit)
            {
                var result = await DeliverOldestOutbox(dbContext, statement, cancellationToken).ConfigureAwait(false);
                if (result < 0)
                    break;
                sent += result;
                dbContext.ChangeTracker.Clear();
            }

            return sent;
        }
    }

    /// <returns>-1 when no outbox is waiting, else the number of messages sent.</returns>
    private async Task<int> DeliverOldestOutbox(TDbContext dbContext, string statement, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.QueryTimeout);

        var transaction = await _lockStatementProvider.BeginTransactionAsync(dbContext.Database, _isolationLevel, timeout.Token)
            .ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var states = await dbContext.Set<OutboxState>().FromSqlRaw(statement).AsTracking()
                .ToListAsync(timeout.Token).ConfigureAwait(false);
            var outboxState = states.SingleOrDefault();
            if (outboxState is null)
                return -1;

            var lastSequenceNumber = outboxState.LastSequenceNumber ?? 0;
            var messages = await dbContext.Set<OutboxMessage>()
                .Where(x => x.OutboxId == outboxState.OutboxId && x.SequenceNumber > lastSequenceNumber)
                .OrderBy(x => x.SequenceNumber)
                .Take(_options.MessageDeliveryLimit)
                .AsTracking()
                .ToListAsync(timeout.Token).ConfigureAwait(false);

            var sent = 0;
            var failed = false;
            foreach (var message in messages)
            {
                if (!await Send(message, cancellationToken).ConfigureAwait(false))
                {
                    failed = true;
                    break;
                }

                outboxState.LastSequenceNumber = message.SequenceNumber;
                dbContext.Remove(message);
                sent++;
            }

            if (!failed && messages.Count < _options.MessageDeliveryLimit)
            {
                // Everything of this scope was sent (and its rows removed above): the scope is done.
                dbContext.Remove(outboxState);
            }
            else
            {
                outboxState.LockId = NewId.NextGuid();
                outboxState.RowVersion = System.Security.Cryptography.RandomNumberGenerator.GetBytes(8);
            }

            await dbContext.SaveChangesAsync(timeout.Token).ConfigureAwait(false);
            await transaction.CommitAsync(timeout.Token).ConfigureAwait(false);

            // A failed scope stays locked by nobody and is retried on the next round, after the delay.
            return failed && sent == 0 ? -1 : sent;
        }
    }

    private async Task<bool> Send(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.DestinationAddress is null)
        {
            LogNoDestination(_logger, message.SequenceNumber, message.MessageId);
            return true;
        }

        message.Deserialize(SystemTextJsonMessageSerializer.Instance);
        try
        {
            using var sendTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            sendTimeout.CancelAfter(_options.MessageDeliveryTimeout);

            var endpoint = await _busControl.GetSendEndpoint(message.DestinationAddress).ConfigureAwait(false);
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), sendTimeout.Token)
                .ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(_logger, exception, message.SequenceNumber, message.MessageId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Bus outbox delivery failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus outbox message {SequenceNumber} ({MessageId}) has no destination; dropped")]
    private static partial void LogNoDestination(ILogger logger, long sequenceNumber, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus outbox message {SequenceNumber} ({MessageId}) could not be sent; will retry")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, long sequenceNumber, Guid messageId);
}
