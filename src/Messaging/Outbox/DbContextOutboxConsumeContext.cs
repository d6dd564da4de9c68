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

    /// <summary><paramref name="removeStatement"/> deletes an inbox row's outbox messages: parameters {0} InboxMessageId
    /// and {1} InboxConsumerId (<see cref="Locking.ILockStatementProvider.GetDeleteStatement{T}"/>).</summary>
    public DbContextOutboxConsumeContext(ConsumeContext<TMessage> context, OutboxConsumeOptions options, IServiceProvider provider,
        TDbContext dbContext, InboxState inboxState, string removeStatement)
        : base(context, options, provider)
    {
        _dbContext = dbContext;
        _inboxState = inboxState;
        _removeStatement = removeStatement;
    }

    public override Guid? MessageId => _inboxState.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => _inboxState.Consumed.HasValue;

    public override bool IsOutboxDelivered => _inboxState.Delivered.HasValue;

    public override int ReceiveCount => _inboxState.ReceiveCount;

    public override long? LastSequenceNumber => _inboxState.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        _inboxState.Consumed = DateTime.UtcNow;
        Touch(_inboxState);
        await _dbContext.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
    }

    public override async Task SetDelivered()
    {
        _inboxState.Delivered = DateTime.UtcNow;
        Touch(_inboxState);
        await _dbContext.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
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
        _dbContext.Database.ExecuteSqlRawAsync(_removeStatement, [_inboxState.MessageId, ConsumerId], CancellationToken);

    public override Task AddSend<T>(SendContext<T> context)
    {
        _dbContext.Set<OutboxMessage>().AddSend(context, SerializerContext, _inboxState.MessageId, ConsumerId);
        return Task.CompletedTask;
    }

    internal static void Touch(InboxState inboxState)
    {
        inboxState.RowVersion = RandomNumberGenerator.GetBytes(8);
    }
}
