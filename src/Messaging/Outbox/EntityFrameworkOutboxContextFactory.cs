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
/// each pass), so a message costs two transactions instead of three. Where the engine can record the delivery in one
/// statement (PostgreSQL), the receipt that consumed delivers right after its commit without the lock and records it in that
/// statement, so a message costs one transaction (<see cref="DeliverWithoutLock{T}"/>); a consumer that sent nothing is
/// marked delivered in its own transaction on every engine.
/// A copy of the message, a retry after a failed delivery or another instance's receipt finds the row in a later state and
/// continues from there, so a crash between commit and delivery is repaired when the broker redelivers the message.
/// </summary>
internal sealed partial class EntityFrameworkOutboxContextFactory<TDbContext> : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    // Each lost race means another instance committed the row, which the next pass finds locked or done; more than a few in
    // a row means something else is wrong, and the unique violation then fails the receipt like any other error.
    private const int MaxInsertRaces = 5;

    // How soon a copy waiting for another receipt's lock-free delivery looks at the row again (doubling up to about a
    // second); that delivery takes a few milliseconds: one send per outbox message, then one statement.
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(20);

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
            _lockStatementProvider.GetDeleteStatement<OutboxMessage>(_dbContext, nameof(OutboxMessage.InboxMessageId), nameof(OutboxMessage.InboxConsumerId)),
            _lockStatementProvider.GetDeliveredStatement(_dbContext),
            _lockStatementProvider.GetInboxUpsertStatement(_dbContext));

        // Retries of this receipt share its token (the retry filter keeps the ReceiveContext); a copy received again does not.
        var receipt = context.ReceiveContext.GetOrAddPayload(() => new InboxReceipt(NewId.NextGuid())).Token;
        var firstPass = true;
        var races = 0;
        var waits = 0;
        var committedConsumption = false;
        var pass = Pass.Continue;
        try
        {
            while (pass != Pass.Done)
            {
                var outcome = await Execute(context, options, next, messageId, receipt, statements, firstPass, races < MaxInsertRaces).ConfigureAwait(false);
                pass = outcome.Pass;
                if (pass == Pass.InsertRaceLost)
                {
                    races++;
                    LogInsertRaceLost(_logger, messageId, options.ConsumerId);
                    continue;
                }

                firstPass = false;
                committedConsumption |= outcome.Consumed;
                if (pass == Pass.DeliveryClaimed)
                {
                    await Task.Delay(ClaimPoll * Math.Min(1 << Math.Min(waits++, 6), 50), context.CancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (outcome.DeliverAfterCommit is { } consumed && await DeliverWithoutLock(context, options, next, consumed, statements).ConfigureAwait(false))
                    pass = Pass.Done;
            }
        }
        catch (Exception) when (statements.RecordDelivered is not null && committedConsumption)
        {
            await ReleaseDeliveryClaim(messageId, options.ConsumerId, receipt).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A receipt that committed the consumer's work and then failed gives up its claim on the delivery, so that its own retry and other copies
    /// deliver at once instead of waiting for the claim to expire. Best effort: the claim expires anyway.
    /// </summary>
    private async Task ReleaseDeliveryClaim(Guid messageId, Guid consumerId, Guid receipt)
    {
        try
        {
            await _dbContext.Set<InboxState>()
                .Where(x => x.MessageId == messageId && x.ConsumerId == consumerId && x.LockId == receipt && x.Delivered == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LockId, Guid.Empty), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The receipt's own failure is what the caller must see.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogClaimReleaseFailed(_logger, exception, messageId, consumerId);
        }
    }

    public void Probe(ProbeContext context)
    {
        context.CreateFilterScope("outboxContextFactory").Add("provider", "entityFrameworkCore");
    }

    /// <summary>The SQL of the DbContext's inbox row lock, outbox removal, lock-free delivery record and inbox upsert (the
    /// provider builds each once per context type; the last two are null when the engine has none).</summary>
    private sealed record Statements(string LockInboxRow, string RemoveOutboxMessages, string? RecordDelivered, string? UpsertInboxRow);

    private enum Pass
    {
        Continue,
        Done,
        InsertRaceLost,

        /// <summary>Another receipt committed the consumer's work and is delivering its outbox without the lock: wait and look again.</summary>
        DeliveryClaimed,
    }

    /// <summary>The receipt a pass runs for, kept on the ReceiveContext.</summary>
    private sealed record InboxReceipt(Guid Token);

    /// <summary>A pass's result. <paramref name="Consumed"/>: it committed the consumer's work (and with it this receipt's claim
    /// on the delivery). <paramref name="DeliverAfterCommit"/>: the outbox messages it committed may be delivered without the row lock.</summary>
    private sealed record PassOutcome(Pass Pass, ConsumedMessage? DeliverAfterCommit = null, bool Consumed = false);

    /// <summary>The inbox row as committed with the consumer's work, and the outbox messages written with it, in order.</summary>
    private sealed record ConsumedMessage(InboxState Row, IReadOnlyList<OutboxMessage> Messages);

    private async Task<PassOutcome> Execute<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next,
        Guid messageId, Guid receipt, Statements statements, bool firstPass, bool mayRetryRace)
        where T : class
    {
        var cancellationToken = context.CancellationToken;
        await using var transaction = await _lockStatementProvider
            .BeginTransactionAsync(_dbContext.Database, _isolationLevel, cancellationToken).ConfigureAwait(false);
        try
        {
            var upsert = firstPass ? statements.UpsertInboxRow : null;
            var inboxState = await (upsert is null
                ? InboxRowReader.ReadAsync(_dbContext, statements.LockInboxRow, [messageId, options.ConsumerId], cancellationToken)
                : InboxRowReader.ReadAsync(_dbContext, upsert, [messageId, options.ConsumerId, receipt, InboxRowVersion.New(), DateTime.UtcNow,
                    AsUtc(context.ExpirationTime)], cancellationToken)).ConfigureAwait(false);

            if (upsert is not null)
            {
                // Inserted, or counted as received once more, and locked, in that one statement.
                if (inboxState is null)
                    throw new InvalidOperationException($"The inbox upsert returned no row for message {messageId}");
            }
            else if (inboxState is null)
            {
                inboxState = new InboxState
                {
                    MessageId = messageId,
                    ConsumerId = options.ConsumerId,
                    Received = DateTime.UtcNow,
                    ReceiveCount = 1,
                    ExpirationTime = AsUtc(context.ExpirationTime),
                    LockId = receipt,
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
                    return new PassOutcome(Pass.InsertRaceLost);
                }
            }
            else if (firstPass)
            {
                // An existing row is held by FOR UPDATE until this transaction ends, so it is not touched up front (MassTransit's
                // provider stamps LockId on every pass, one more UPDATE each); the count is saved with the pass's other changes.
                inboxState.ReceiveCount++;
            }

            if (!inboxState.Consumed.HasValue)
            {
                // Whoever consumes stamps the row, which claims the lock-free delivery after the commit (saved with the consumer's
                // work; a no-op for a row this pass inserted).
                inboxState.LockId = receipt;
            }

            if (statements.RecordDelivered is not null && IsClaimedByAnotherReceipt(inboxState, receipt, options))
            {
                // Delivering now would send the outbox a second time while the consuming receipt sends it: keep this copy's
                // receive count and look again shortly. A claim whose receipt died expires, and the copy then delivers.
                await _dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _dbContext.ChangeTracker.Clear();
                return new PassOutcome(Pass.DeliveryClaimed);
            }

            var consumedBefore = inboxState.Consumed.HasValue;
            var deliveredBefore = inboxState.Delivered.HasValue;
            var outboxContext = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, _provider, _dbContext, inboxState, statements.RemoveOutboxMessages);
            await next.Send(outboxContext).ConfigureAwait(false);

            List<OutboxMessage>? written = null;
            if (outboxContext.ContinueProcessing && !consumedBefore && inboxState.Consumed.HasValue)
            {
                written = outboxContext.AddedMessages();
                if (written.Count == 0)
                {
                    // The consumer published and sent nothing: the delivery pass has nothing to send, so it runs in this
                    // transaction and asks the database for nothing.
                    outboxContext = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, _provider, _dbContext, inboxState,
                        statements.RemoveOutboxMessages, new OutboxPassShortcuts([], null, OutboxRemoved: true));
                    await next.Send(outboxContext).ConfigureAwait(false);
                }
            }

            if (outboxContext.ContinueProcessing && !deliveredBefore && inboxState.Delivered.HasValue)
            {
                // This pass delivered the outbox. MassTransit's pipe removes the delivered rows in one more pass; it runs in this
                // transaction, under the same row lock, instead of a third one. A crash before this commit leaves the row as it
                // was before the delivery pass, so the redelivered message delivers again, exactly as when the delivery pass's
                // own commit failed. (SetDelivered has saved the delivery pass's changes.)
                outboxContext = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, _provider, _dbContext, inboxState,
                    statements.RemoveOutboxMessages, written is { Count: 0 } ? OutboxPassShortcuts.AllRemoved : null);
                await next.Send(outboxContext).ConfigureAwait(false);
            }

            // A pass that ended with the consumer's SetConsumed has nothing left to save: MassTransit returns right after it, and a
            // consumer that sent something has no further pass in this transaction. Any other pass saves what it changed
            // (a duplicate's receive count, a locked delivery's progress).
            if (!(written is { Count: > 0 } && outboxContext.ConsumedInThisPass))
                await _dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

            // The next pass must read the row as committed by whoever held the lock in between; a tracked entity would
            // shadow it with this pass's values (and fail on its concurrency token).
            _dbContext.ChangeTracker.Clear();

            var consumed = written is not null;
            if (!outboxContext.ContinueProcessing)
                return new PassOutcome(Pass.Done, Consumed: consumed);

            return written is { Count: > 0 } && statements.RecordDelivered is not null && written.Count < options.MessageDeliveryLimit
                ? new PassOutcome(Pass.Continue, new ConsumedMessage(inboxState, written), consumed)
                : new PassOutcome(Pass.Continue, Consumed: consumed);
        }
        catch (Exception)
        {
            await Rollback(transaction).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Delivers the messages the consumer's pass committed, right after that commit, without a transaction or the row lock,
    /// then records the delivery in one statement that also removes the outbox rows. Two statements fewer and no second
    /// transaction, compared with the locked pass (lock, load, send, update, remove, commit).
    /// <para>
    /// Without the lock, a copy of the message received by another instance in the meantime may deliver the same outbox
    /// messages too: they keep their MessageIds, so the receivers' inboxes drop the second copy (the locked pass allows the
    /// same after a crash between its sends and its commit). The record only applies while the row has the version this
    /// pass committed; otherwise the other receipt moved it on and the locked passes take over (false).
    /// </para>
    /// </summary>
    private async Task<bool> DeliverWithoutLock<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next,
        ConsumedMessage consumed, Statements statements)
        where T : class
    {
        var delivery = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, _provider, _dbContext, consumed.Row,
            statements.RemoveOutboxMessages, new OutboxPassShortcuts(consumed.Messages, statements.RecordDelivered, OutboxRemoved: false));
        await next.Send(delivery).ConfigureAwait(false);
        if (!delivery.DeliveredWithoutLock)
        {
            LogDeliveryRecordRaced(_logger, consumed.Row.MessageId, options.ConsumerId);
            return false;
        }

        // MassTransit's last pass: nothing left to remove; it reports the message consumed and ends the loop.
        var completion = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, _provider, _dbContext, consumed.Row,
            statements.RemoveOutboxMessages, OutboxPassShortcuts.AllRemoved);
        await next.Send(completion).ConfigureAwait(false);
        return !completion.ContinueProcessing;
    }

    /// <summary>
    /// The row was consumed by another receipt, which delivers its outbox without the lock right after its commit, and the
    /// claim is recent enough for that delivery to be still under way: twice the time one send to the broker may take.
    /// </summary>
    private static bool IsClaimedByAnotherReceipt(InboxState row, Guid receipt, OutboxConsumeOptions options) =>
        row is { Consumed: { } consumed, Delivered: null }
        && row.LockId != receipt && row.LockId != Guid.Empty
        && DateTime.UtcNow - DateTime.SpecifyKind(consumed, DateTimeKind.Utc) < options.MessageDeliveryTimeout * 2;

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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbox row {MessageId}/{ConsumerId} was changed by another receipt while its outbox was delivered; the locked pass completes it")]
    private static partial void LogDeliveryRecordRaced(ILogger logger, Guid messageId, Guid consumerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox row {MessageId}/{ConsumerId}: giving up the delivery claim failed; other copies wait until it expires")]
    private static partial void LogClaimReleaseFailed(ILogger logger, Exception exception, Guid messageId, Guid consumerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox/outbox transaction rollback failed")]
    private static partial void LogRollbackFailed(ILogger logger, Exception exception);
}
