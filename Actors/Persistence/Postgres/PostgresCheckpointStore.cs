namespace A3C.Actors.Persistence.Postgres;

/// <summary>One PostgreSQL database serving every run of a cluster; tables are keyed by run name.</summary>
public sealed class PostgresCheckpointStore : ICheckpointStore
{
    private readonly PostgresDatabase _database;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema holding the tables; created on first use.</param>
    public PostgresCheckpointStore(string connectionString, string schema = "a3c")
    {
        _database = new PostgresDatabase(connectionString, schema);
        Journal = new PostgresRunJournal(_database);
        Snapshots = new PostgresSnapshotStore(_database);
    }

    public IRunJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    public string Location => _database.Location;

    public async Task<IReadOnlyList<string>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await _database.ListRunsAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
