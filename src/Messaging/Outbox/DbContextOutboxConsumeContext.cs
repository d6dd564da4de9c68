using System.Security.Cryptography;
using Bus.Messaging.Persistence;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Outbox;

/// <summary>
/// The consume context a consumer sees inside the inbox/outbox transaction: its publishes and sends become
/// <see cref="OutboxMessage"/> rows, and MassTransit's outbox pipe reads and updates the locked <see cref="InboxState"/> row.
/// </summary>
internal sealed class DbContextOutboxConsumeContext<TDbContext, TMessage> : OutboxConsumeContextProxy<TMessage>
    where TDbContext : DbContext
    where TMessage : class
{
    private readonly TDbContext _dbContext;
    private readonly InboxState _inboxState;
    private readonly string _removeStatement;
    private readonly OutboxPassShortcuts _shortcuts;

    // The version the row had when this pass began; the lock-free delivery record compares with it.
    private readonly byte[]? _versionAtStart;

    // Marked consumed before the consumer ran (see the constructor); MassTransit's pipe must still see it unconsumed until SetConsumed.
    private readonly bool _markedConsumedAhead;
    private bool _consumedInThisPass;

    // The rows AddSend wrote in this pass; a consumer may publish several messages concurrently.
    private readonly List<OutboxMessage> _added = [];

    /// <summary><paramref name="removeStatement"/> deletes an inbox row's outbox messages: parameters {0} InboxMessageId
    /// and {1} InboxConsumerId (<see cref="Locking.ILockStatementProvider.GetDeleteStatement{T}"/>).</summary>
    public DbContextOutboxConsumeContext(ConsumeContext<TMessage> context, OutboxConsumeOptions options, IServiceProvider provider,
        TDbContext dbContext, InboxState inboxState, string removeStatement, OutboxPassShortcuts? shortcuts = null)
        : base(context, options, provider)
    {
        _dbContext = dbContext;
        _inboxState = inboxState;
        _removeStatement = removeStatement;
        _shortcuts = shortcuts ?? OutboxPassShortcuts.None;
        _versionAtStart = inboxState.RowVersion;

        // The row is marked consumed before the consumer runs, so that the consumer's own SaveChanges writes the mark with
        // its rows in one round trip; SetConsumed then usually has nothing left to save. The transaction makes it true or
        // rolls it back with the consumer's work.
        if (!inboxState.Consumed.HasValue)
        {
            _markedConsumedAhead = true;
            inboxState.Consumed = DateTime.UtcNow;
            Touch(inboxState);
        }
    }

    /// <summary>
    /// A pass with <see cref="OutboxPassShortcuts.DeliveredStatement"/> recorded the delivery: the inbox row still had the
    /// version committed with the consumer's work. False when another receipt changed the row first (or nothing was delivered).
    /// </summary>
    public bool DeliveredWithoutLock { get; private set; }

    public override Guid? MessageId => _inboxState.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => _markedConsumedAhead ? _consumedInThisPass : _inboxState.Consumed.HasValue;

    public override bool IsOutboxDelivered => _inboxState.Delivered.HasValue;

    public override int ReceiveCount => _inboxState.ReceiveCount;

    public override long? LastSequenceNumber => _inboxState.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        if (!_markedConsumedAhead)
        {
            _inboxState.Consumed = DateTime.UtcNow;
            Touch(_inboxState);
        }

        _consumedInThisPass = true;
        await _dbContext.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="SetConsumed"/> ran in this pass. It saves the context, and a failed save ends the pass with its exception,
    /// so once the pass has returned, the consumer's writes, the inbox row's mark and the outbox rows are all in the
    /// transaction (MassTransit calls it last in the consuming pass).
    /// </summary>
    public bool ConsumedInThisPass => _consumedInThisPass;

    public override async Task SetDelivered()
    {
        _inboxState.Delivered = DateTime.UtcNow;
        Touch(_inboxState);
        if (_shortcuts.DeliveredStatement is not { } delivered)
        {
            await _dbContext.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
            return;
        }

        // No transaction and no lock: the statement removes the outbox rows and marks the inbox row delivered only while it
        // still has the version committed with the consumer's work.
        var updated = await RawStatement.ExecuteAsync(_dbContext, delivered,
            [_inboxState.Delivered, _inboxState.LastSequenceNumber, _inboxState.RowVersion, _inboxState.MessageId, ConsumerId, _versionAtStart],
            CancellationToken).ConfigureAwait(false);
        DeliveredWithoutLock = updated == 1;
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        if (_shortcuts.KnownMessages is { } known)
        {
            foreach (var message in known)
                message.Deserialize(SerializerContext);

            return known.Cast<OutboxMessageContext>().ToList();
        }

        var lastSequenceNumber = LastSequenceNumber ?? 0;
        var messageId = _inboxState.MessageId;

        var messages = await CompiledQueries.For<OutboxQueries<TDbContext>>(_dbContext)
            .PendingMessages(_dbContext, messageId, ConsumerId, lastSequenceNumber, Options.MessageDeliveryLimit + 1)
            .ToListAsync(CancellationToken).ConfigureAwait(false);

        foreach (var message in messages)
            message.Deserialize(SerializerContext);

        return messages.Cast<OutboxMessageContext>().ToList();
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        _inboxState.LastSequenceNumber = message.SequenceNumber;
        Touch(_inboxState);
        return Task.CompletedTask;
    }

    public override Task RemoveOutboxMessages() =>
        _shortcuts.OutboxRemoved
            ? Task.CompletedTask
            : RawStatement.ExecuteAsync(_dbContext, _removeStatement, [_inboxState.MessageId, ConsumerId], CancellationToken);

    public override Task AddSend<T>(SendContext<T> context)
    {
        var message = _dbContext.Set<OutboxMessage>().AddSend(context, SerializerContext, _inboxState.MessageId, ConsumerId);
        lock (_added)
            _added.Add(message);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The outbox messages the consumer published and sent through this context, in delivery order (their sequence numbers,
    /// which the database assigns when they are saved). Kept here, so that finding them asks neither the database nor the
    /// change tracker (which would detect changes in every tracked entity).
    /// </summary>
    public List<OutboxMessage> AddedMessages()
    {
        lock (_added)
            return [.. _added.OrderBy(m => m.SequenceNumber)];
    }

    internal static void Touch(InboxState inboxState)
    {
        inboxState.RowVersion = InboxRowVersion.New();
    }
}

/// <summary>
/// What a pass of the inbox/outbox already knows, so that it need not ask the database (see
/// <see cref="EntityFrameworkOutboxContextFactory{TDbContext}"/>).
/// </summary>
/// <param name="KnownMessages">The inbox row's outbox messages, as the consumer's pass wrote them; null: load them.</param>
/// <param name="DeliveredStatement">Record the delivery with this statement, outside any transaction
/// (<see cref="Locking.ILockStatementProvider.GetDeliveredStatement"/>); null: save the tracked row.</param>
/// <param name="OutboxRemoved">The row has no outbox messages left to remove.</param>
internal sealed record OutboxPassShortcuts(IReadOnlyList<OutboxMessage>? KnownMessages, string? DeliveredStatement, bool OutboxRemoved)
{
    public static readonly OutboxPassShortcuts None = new(null, null, false);

    /// <summary>Nothing left to remove: the outbox rows are gone, or there never were any.</summary>
    public static readonly OutboxPassShortcuts AllRemoved = new(null, null, true);
}

/// <summary>The inbox row's concurrency token: a new random value on every update (PostgreSQL and SQLite have no rowversion type).</summary>
internal static class InboxRowVersion
{
    public static byte[] New() => RandomNumberGenerator.GetBytes(8);
}
