namespace A3C.Actors.Persistence;

public enum PersistenceProvider
{
    /// <summary>One SQLite file per run under a directory: the embedded default.</summary>
    Sqlite,

    /// <summary>One PostgreSQL database shared by all runs of a cluster.</summary>
    Postgres,
}

/// <summary>Which store to open and where; bound from configuration.</summary>
/// <param name="Directory">SQLite: the runs directory; each run is a file at &lt;Directory&gt;/&lt;run&gt;/checkpoints.db.</param>
/// <param name="ConnectionString">PostgreSQL: an Npgsql connection string.</param>
/// <param name="Schema">PostgreSQL: the schema holding the tables, so several deployments can share a database.</param>
public sealed record PersistenceOptions(
    PersistenceProvider Provider = PersistenceProvider.Sqlite,
    string Directory = "runs",
    string? ConnectionString = null,
    string Schema = "a3c");
