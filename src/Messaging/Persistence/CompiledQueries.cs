using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bus.Messaging.Persistence;

/// <summary>
/// Holds one instance of a set of compiled EF Core queries (properties initialised with <c>EF.CompileAsyncQuery</c>) per
/// model. A query that runs for every message is worth compiling: as plain LINQ, EF Core builds its expression
/// tree, extracts the parameters and looks it up in its query cache on every call, which a perf profile of
/// bench/ConsumerThroughput (Marketing, warm) put at about 15 % of the service's CPU.
/// </summary>
/// <remarks>
/// Keyed by model, not by DbContext type alone: a compiled query keeps the executor of the first provider it ran on, and one
/// process may use a DbContext type with PostgreSQL and with SQLite (the test suites do; the parameters of the first would
/// then be sent to the second).
/// </remarks>
public static class CompiledQueries
{
    /// <summary>The query set <typeparamref name="TQueries"/> compiled for the model of <paramref name="db"/>.</summary>
    public static TQueries For<TQueries>(DbContext db)
        where TQueries : class, new()
    {
        ArgumentNullException.ThrowIfNull(db);
        return Sets<TQueries>.ByModel.GetValue(db.Model, static _ => new TQueries());
    }

    private static class Sets<TQueries>
        where TQueries : class, new()
    {
        public static readonly ConditionalWeakTable<IModel, TQueries> ByModel = new();
    }
}
