using System.Data;
using Bus.Messaging.Outbox.Locking;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Outbox;

/// <summary>
/// Runs one received message through the inbox and outbox of <typeparamref name="TDbContext"/>. MassTransit's outbox pipe is
/// sent once per transaction until it says it is done:
/// <list type="number">
/// <item>not consumed yet: the consumer runs; its writes, the inbox row and its outbox messages commit together;</item>
/// <item>consumed, outbox not delivered: outbox messages are delivered to the broker after that commit;</item>
/// <item>consumed and delivered: the delivered outbox rows are removed and the message is acknowledged.</item>
/// </list>
/// The last two passes share one transaction when the first of them delivers everything (MassTransit's own provider commits
/// each pass), so a message costs two transactions instead of three.
/// A copy of the message, a retry after a failed delivery or another instance's receipt finds the row in a later state and
/// continues from there, so a crash between commit and delivery is repaired when the broker redelivers the message.
/// </summary>
internal sealed partial class EntityFrameworkOutboxContextFactory<TDbContext> : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    // Each lost race means another instance committed the row, which the next pass finds locked or done; more than a few in
    // a row means something else is wrong, and the unique violation then fails the receipt like any other error.
    private const int MaxInsertRaces = 5;

    private readonly TDbContext _dbContext;
    private readonly IsolationLevel _isolationLevel;
    private readonly ILockStatementProvider _lockStatementProvider;
    private readonly ILogger _logger;
    private readonly IServiceProvider _provider;

    public EntityFrameworkOutboxContextFactory(TDbContext dbContext, IServiceProvider provider,
        IOptions<EntityFrameworkOutboxOptions<TDbContext>> options, ILogger<EntityFrameworkOutboxContextFactory<TDbContext>> logger)
    {
        _dbContext = dbContext;
        _provider = provider;
        _logger = logger;
        _isolationLevel = options.Value.IsolationLevel;
        _lockStatementProvider = options.Value.LockStatementProvider;
    }

    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId() ?? throw new MessageException(typeof(T), "MessageId required to use the outbox");
        var statements = new Statements(
            _lockStatementProvider.GetRowLockStatement<InboxState>(_dbContext, nameof(InboxState.MessageId), nameof(InboxState.ConsumerId)),
            _lockStatementProvider.GetDeleteStatement<OutboxMessage>(_dbContext, nameof(OutboxMessage.InboxMessageId), nameof(OutboxMessage.InboxConsumerId)));

        var firstPass = true;
        var races = 0;
        var pass = Pass.Continue;
        while (pass != Pass.Done)
        {
            pass = await Execute(context, options, next, messageId, statements, firstPass, races < MaxInsertRaces).ConfigureAwait(false);
            if (pass == Pass.InsertRaceLost)
            {
                races++;
                LogInsertRaceLost(_logger, messageId, options.ConsumerId);
            }
            else
            {
                firstPass = false;
            }
        }
    }

    public void Probe(ProbeContext context)
    {
        context.CreateFilterScope("outboxContextFactory").Add("provider", "entityFrameworkCore");
    }

    /// <summary>The SQL of the DbContext's inbox row lock and outbox removal (the provider builds each once per context type).</summary>
    private sealed record Statements(string LockInboxRow, string RemoveOutboxMessages);

    private enum Pass
    {
        Continue,
        Done,
        InsertRaceLost,
    }

    private async Task<Pass> Execute<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next,
        Guid messageId, Statements statements, bool firstPass, bool mayRetryRace)
        where T : class
    {
        var cancellationToken = context.CancellationToken;
        await using var transaction = await _lockStatementProvider
            .BeginTransactionAsync(_dbContext.Database, _isolationLevel, cancellationToken).ConfigureAwait(false);
        try
        {
            // Not composed (no SingleOrDefault in SQL): the lock clause must stay on the outermost SELECT.
            var rows = await _dbContext.Set<InboxState>()
                .FromSqlRaw(statements.LockInboxRow, messageId, options.ConsumerId)
                .AsTracking()
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var inboxState = rows.SingleOrDefault();

            if (inboxState is null)
            {
                inboxState = new InboxState
                {
                    MessageId = messageId,
                    ConsumerId = options.ConsumerId,
                    Received = DateTime.UtcNow,
                    ReceiveCount = 1,
                    ExpirationTime = AsUtc(context.ExpirationTime),
                    LockId = NewId.NextGuid(),
                };
                DbContextOutboxConsumeContext<TDbContext, T>.Touch(inboxState);
                _dbContext.Add(inboxState);

                // Inserting before the consumer runs makes a second instance that received the same message wait on the
                // unique key, then fail with a unique violation once this transaction commits; it starts over and finds the
                // row consumed.
                try
                {
                    await _dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateException exception) when (mayRetryRace && _lockStatementProvider.IsUniqueViolation(exception))
                {
                    await Rollback(transaction).ConfigureAwait(false);
                    return Pass.InsertRaceLost;
                }
            }
            else if (firstPass)
            {
                // An existing row is held by FOR UPDATE until this transaction ends, so it is not touched up front (MassTransit's
                // provider stamps LockId on every pass, one more UPDATE each); the count is saved with the pass's other changes.
                inboxState.ReceiveCount++;
            }

            var deliveredBefore = inboxState.Delivered.HasValue;
            var outboxContext = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, _provider, _dbContext, inboxState, statements.RemoveOutboxMessages);
            await next.Send(outboxContext).ConfigureAwait(false);

            if (outboxContext.ContinueProcessing && !deliveredBefore && inboxState.Delivered.HasValue)
            {
                // This pass delivered the outbox. MassTransit's pipe removes the delivered rows in one more pass; it runs in this
                // transaction, under the same row lock, instead of a third one. A crash before this commit leaves the row as it
                // was before the delivery pass, so the redelivered message delivers again, exactly as when the delivery pass's
                // own commit failed. (SetDelivered has saved the delivery pass's changes.)
                outboxContext = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, _provider, _dbContext, inboxState, statements.RemoveOutboxMessages);
                await next.Send(outboxContext).ConfigureAwait(false);
            }

            await _dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

            // The next pass must read the row as committed by whoever held the lock in between; a tracked entity would
            // shadow it with this pass's values (and fail on its concurrency token).
            _dbContext.ChangeTracker.Clear();

            return outboxContext.ContinueProcessing ? Pass.Continue : Pass.Done;
        }
        catch (Exception)
        {
            await Rollback(transaction).ConfigureAwait(false);
            throw;
        }
    }

    // PostgreSQL's timestamptz accepts UTC values only; MassTransit's times are UTC even when their kind was lost in transit.
    private static DateTime? AsUtc(DateTime? value)
    {
        return value?.Kind switch
        {
            null => null,
            DateTimeKind.Local => value.Value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value.Value, DateTimeKind.Utc),
        };
    }

    private async Task Rollback(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The original failure is what the caller must see; a failed rollback ends with the connection.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogRollbackFailed(_logger, exception);
        }

        // Nothing that was tracked in the rolled-back transaction exists; a later attempt in the same scope starts clean.
        _dbContext.ChangeTracker.Clear();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbox row {MessageId}/{ConsumerId} was inserted by another instance first; retrying")]
    private static partial void LogInsertRaceLost(ILogger logger, Guid messageId, Guid consumerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox/outbox transaction rollback failed")]
    private static partial void LogRollbackFailed(ILogger logger, Exception exception);
}
