using System.ComponentModel.DataAnnotations;

namespace Bus.Messaging.Persistence;

/// <summary>A service's database (configuration section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Postgres;

    /// <summary>Npgsql or SQLite connection string. Set <c>SSL Mode=Require</c> for TLS to PostgreSQL.</summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Apply migrations (PostgreSQL) or create the schema (SQLite) at start-up.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
