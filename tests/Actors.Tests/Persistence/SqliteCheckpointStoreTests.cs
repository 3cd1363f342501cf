using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace A3C.Actors.Tests.Persistence;

public sealed class SqliteCheckpointStoreTests : CheckpointStoreContract
{
    private readonly string _runsDirectory = Path.Combine(Path.GetTempPath(), "a3c-persistence-tests", Guid.NewGuid().ToString("N"));

    protected override Task<ICheckpointStore> OpenStoreAsync() =>
        Task.FromResult(CheckpointStores.Open(new PersistenceOptions(PersistenceProvider.Sqlite, Directory: _runsDirectory)));

    protected override string Table(string name) => name;

    protected override async Task ExecuteSqlAsync(string run, string sql)
    {
        await using var connection = await OpenRawAsync(run);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, $"'{sql}' changed nothing");
    }

    protected override async Task FlipBlobByteAsync(string run, long sequenceNr, string blobName, int offset)
    {
        await using var connection = await OpenRawAsync(run);
        using var find = connection.CreateCommand();
        find.CommandText = $"SELECT rowid FROM snapshot_blobs WHERE run = '{run}' AND sequence_nr = {sequenceNr} AND name = '{blobName}'";
        var rowId = (long)find.ExecuteScalar()!;
        using var blob = new SqliteBlob(connection, "snapshot_blobs", "data", rowId);
        blob.Position = offset;
        var value = (byte)blob.ReadByte();
        blob.Position = offset;
        blob.WriteByte((byte)~value);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_runsDirectory))
        {
            Directory.Delete(_runsDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Each_run_is_one_wal_mode_file_under_the_runs_directory()
    {
        await Store.Snapshots.SaveAsync(TestSnapshots.Small("cartpole", 1));

        var path = Path.Combine(_runsDirectory, "cartpole", "checkpoints.db");
        Assert.True(File.Exists(path), $"expected {path}");
        Assert.Equal(path, ((SqliteCheckpointStore)Store).DatabasePathOf("cartpole"));
        await using var connection = await OpenRawAsync("cartpole");
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Run_listing_ignores_directories_without_a_database()
    {
        await Store.Snapshots.SaveAsync(TestSnapshots.Small("cartpole", 1));
        Directory.CreateDirectory(Path.Combine(_runsDirectory, "not-a-run"));

        Assert.Equal(["cartpole"], await Store.ListRunsAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_a_clear_error_naming_it()
    {
        var path = Path.Combine(_runsDirectory, "garbled", "checkpoints.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, new string('x', 4096));

        var error = await Assert.ThrowsAsync<PersistenceException>(() => Store.Snapshots.LoadLatestValidAsync("garbled"));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task A_blob_cell_holding_text_is_reported_unreadable()
    {
        await Store.Snapshots.SaveAsync(TestSnapshots.Small("cartpole", 1));
        await Store.Snapshots.SaveAsync(TestSnapshots.Small("cartpole", 2));
        await ExecuteSqlAsync("cartpole",
            "UPDATE snapshot_blobs SET data = CAST(zeroblob(64) AS TEXT) WHERE sequence_nr = 2 AND name = 'normalizer'");

        var loaded = await Store.Snapshots.LoadLatestValidAsync("cartpole");

        Assert.Equal(1, loaded.Snapshot!.SequenceNr);
        Assert.Equal(SnapshotStatus.Unreadable, Assert.Single(loaded.Problems).Status);
    }

    [Fact]
    public async Task Run_names_that_are_not_path_safe_are_rejected()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Store.Snapshots.SaveAsync(TestSnapshots.Small("../escape", 1)));

        Assert.Contains("'../escape'", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_runsDirectory, "..", "escape")));
    }

    [Fact]
    public async Task Closing_the_store_finishes_the_writes_queued_and_refuses_later_ones()
    {
        var store = await OpenStoreAsync();
        var writes = Enumerable.Range(1, 5).Select(i => store.Snapshots.SaveAsync(TestSnapshots.Small("closing", i))).ToList();

        await store.DisposeAsync();

        await Task.WhenAll(writes);
        Assert.Equal([5L, 4, 3, 2, 1], (await Store.Snapshots.ListAsync("closing")).Select(info => info.SequenceNr));
        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Snapshots.SaveAsync(TestSnapshots.Small("closing", 6)));
        Assert.Contains("closed", error.Message);
    }

    [Fact]
    public async Task A_call_cancelled_before_its_turn_does_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.Snapshots.SaveAsync(TestSnapshots.Small("cancelled", 1), cancelled.Token));

        Assert.Empty(await Store.ListRunsAsync());
    }

    private async Task<SqliteConnection> OpenRawAsync(string run)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_runsDirectory, run, "checkpoints.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
