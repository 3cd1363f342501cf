namespace A3C.Actors.Persistence.Sqlite;

/// <summary>The embedded store: one SQLite file per run under a runs directory.</summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    private readonly SqliteRunDatabases _databases;

    /// <param name="runsDirectory">Holds one &lt;run&gt;/checkpoints.db per run; created on the first write.</param>
    public SqliteCheckpointStore(string runsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runsDirectory);
        _databases = new SqliteRunDatabases(runsDirectory);
        Journal = new SqliteRunJournal(_databases);
        Snapshots = new SqliteSnapshotStore(_databases);
    }

    public IRunJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    public string Location => _databases.RunsDirectory;

    /// <summary>The file holding a run's journal and snapshots.</summary>
    public string DatabasePathOf(string run)
    {
        RunName.Validate(run);
        return _databases.PathOf(run);
    }

    public Task<IReadOnlyList<string>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_databases.ListRuns());

    /// <summary>Finishes the store's queued work, then closes its database connections.</summary>
    public ValueTask DisposeAsync()
    {
        _databases.Dispose();
        return ValueTask.CompletedTask;
    }
}
