using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Outbox;

/// <summary>
/// The inbox/outbox's per-message queries, compiled (one set per model through
/// <see cref="Persistence.CompiledQueries"/>). The inbox row lock and upsert are raw SQL (EF Core cannot compile raw SQL into
/// a query), run as pooled commands by <see cref="RawStatement"/>, and the removal is SQL built from the model
/// (<see cref="Locking.ILockStatementProvider.GetDeleteStatement{T}"/>), not a compiled <c>ExecuteDelete</c>: a compiled
/// <c>ExecuteUpdate</c> never completed in the Marketing tests (SQLite), so statements that write are not compiled.
/// </summary>
internal sealed class OutboxQueries<TDbContext>
    where TDbContext : DbContext
{
    /// <summary>The undelivered outbox messages of one inbox row after <c>after</c>, oldest first, at most <c>take</c>.</summary>
    public Func<TDbContext, Guid, Guid, long, int, IAsyncEnumerable<OutboxMessage>> PendingMessages { get; } =
        EF.CompileAsyncQuery((TDbContext db, Guid messageId, Guid consumerId, long after, int take) => db.Set<OutboxMessage>()
            .AsNoTracking()
            .Where(x => x.InboxMessageId == messageId && x.InboxConsumerId == consumerId && x.SequenceNumber > after)
            .OrderBy(x => x.SequenceNumber)
            .Take(take));
}
