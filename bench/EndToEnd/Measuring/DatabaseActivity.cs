namespace Bus.EndToEnd.Measuring;

/// <summary>The run database's counters from <c>pg_stat_database</c>, and the messages each service's inbox has taken.</summary>
/// <param name="Commits">Transactions committed.</param>
/// <param name="Rollbacks">Transactions rolled back.</param>
/// <param name="Inserted">Rows inserted.</param>
/// <param name="Updated">Rows updated.</param>
/// <param name="Deleted">Rows deleted.</param>
/// <param name="InboxMessages">Per service schema, the rows of its <c>InboxState</c>: one per message its domain endpoint
/// consumed (they are kept for the duplicate-detection window, days).</param>
internal sealed record DatabaseActivity(long Commits, long Rollbacks, long Inserted, long Updated, long Deleted, IReadOnlyDictionary<string, long> InboxMessages);
