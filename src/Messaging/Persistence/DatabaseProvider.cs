namespace Bus.Messaging.Persistence;

/// <summary>The database a service keeps its state, inbox and outbox in.</summary>
public enum DatabaseProvider
{
    /// <summary>PostgreSQL (production and the real stack): EF Core migrations, READ COMMITTED with row locks.</summary>
    Postgres,

    /// <summary>SQLite file (the embedded one-process default): schema created at start, database write lock.</summary>
    Sqlite,
}
