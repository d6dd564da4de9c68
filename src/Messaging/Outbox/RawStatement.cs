using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bus.Messaging.Outbox;

/// <summary>
/// Runs the inbox/outbox's own SQL statements (built once per model by the <see cref="Locking.ILockStatementProvider"/>, with
/// parameters {0}, {1}, …) through EF Core's relational command pipeline: the context's connection and current transaction,
/// its interceptors, logging and diagnostics, as <c>ExecuteSqlRaw</c> and <c>FromSqlRaw</c> do.
/// </summary>
/// <remarks>
/// Those two build the command again on every call: <c>ExecuteSqlRaw</c> formats the SQL with parameter names and maps each
/// value's type; <c>FromSqlRaw</c> (which cannot be compiled) also builds and looks up a query expression tree. These
/// statements run several times per message, so built commands are kept per model, statement and parameter types, and each
/// call only supplies its values. A built command keeps state of its last execution (EF Core reuses its data reader), so
/// one command runs one execution at a time: it is taken from a pool for the call and returned after it, as EF Core does with
/// the commands of its own query cache.
/// </remarks>
internal static class RawStatement
{
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, Variant[]>> ByModel = new();

    /// <summary>Runs a statement that returns no rows; the number of rows it affected.</summary>
    public static async Task<int> ExecuteAsync(DbContext dbContext, string sql, object?[] values, CancellationToken cancellationToken)
    {
        var (variant, command, parameters) = Rent(dbContext, sql, values, CommandSource.ExecuteSqlRaw);
        var affected = await command.ExecuteNonQueryAsync(parameters, cancellationToken).ConfigureAwait(false);
        variant.Return(command);
        return affected;
    }

    /// <summary>
    /// Runs a statement that returns at most one row and reads that row with <paramref name="read"/>; null when it returned
    /// none. More than one row is an error.
    /// </summary>
    public static async Task<T?> ReadSingleAsync<T>(DbContext dbContext, string sql, object?[] values, Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
        where T : class
    {
        var (variant, command, parameters) = Rent(dbContext, sql, values, CommandSource.FromSqlQuery);
        T? row = null;
        var reader = await command.ExecuteReaderAsync(parameters, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var data = reader.DbDataReader;
            if (await data.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                row = read(data);
                if (await data.ReadAsync(cancellationToken).ConfigureAwait(false))
                    throw new InvalidOperationException($"The statement returned more than one row: {sql}");
            }
        }

        variant.Return(command);
        return row;
    }

    private static (Variant Variant, IRelationalCommand Command, RelationalCommandParameterObject Parameters) Rent(DbContext dbContext,
        string sql, object?[] values, CommandSource source)
    {
        var statements = ByModel.GetOrCreateValue(dbContext.Model);
        Variant? variant = null;
        if (statements.TryGetValue(sql, out var variants))
        {
            foreach (var candidate in variants)
            {
                if (candidate.Fits(values))
                {
                    variant = candidate;
                    break;
                }
            }
        }

        IRelationalCommand? command = null;
        if (variant is null)
        {
            (variant, command) = Variant.Build(dbContext, sql, values);
            statements.AddOrUpdate(sql, static (_, added) => [added], static (_, existing, added) => [.. existing, added], variant);
        }

        command ??= variant.Take(dbContext, sql, values);

        var parameterValues = new Dictionary<string, object?>(values.Length);
        for (var i = 0; i < values.Length; i++)
            parameterValues.Add(variant.Names[i], values[i]);

        return (variant, command, new RelationalCommandParameterObject(dbContext.GetService<IRelationalConnection>(), parameterValues, null,
            dbContext, dbContext.GetService<IRelationalCommandDiagnosticsLogger>(), source));
    }

    /// <summary>
    /// The commands built for one statement and one combination of parameter types (a null value has none, so a nullable
    /// parameter gives two), with their parameters' names, and those not in use.
    /// </summary>
    private sealed class Variant(string[] names, Type?[] types)
    {
        private readonly ConcurrentBag<IRelationalCommand> _idle = [];

        public string[] Names { get; } = names;

        public static (Variant Variant, IRelationalCommand Command) Build(DbContext dbContext, string sql, object?[] values)
        {
            var command = NewCommand(dbContext, sql, values);
            if (command.Parameters.Count != values.Length)
                throw new InvalidOperationException($"The statement was built with {command.Parameters.Count} parameters for {values.Length} values: {sql}");
            return (new Variant([.. command.Parameters.Select(parameter => parameter.InvariantName)], [.. values.Select(value => value?.GetType())]), command);
        }

        public bool Fits(object?[] values)
        {
            if (values.Length != types.Length)
                return false;
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i]?.GetType() != types[i])
                    return false;
            }

            return true;
        }

        /// <summary>An idle command, or a new one when all are in use.</summary>
        public IRelationalCommand Take(DbContext dbContext, string sql, object?[] values) =>
            _idle.TryTake(out var command) ? command : NewCommand(dbContext, sql, values);

        /// <summary>Gives back a command whose execution ended (a failed one is not given back).</summary>
        public void Return(IRelationalCommand command) => _idle.Add(command);

        private static IRelationalCommand NewCommand(DbContext dbContext, string sql, object?[] values) =>
            dbContext.GetService<IRawSqlCommandBuilder>().Build(sql, values!, dbContext.Model).RelationalCommand;
    }
}
