using System.Data.Common;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using Microsoft.Data.Sqlite;

namespace A3C.Actors.Tests.Persistence.Checkpoints;

public sealed class SqliteCheckpointTests : CheckpointPersistenceContract
{
    public SqliteCheckpointTests() : this(Path.Combine(Path.GetTempPath(), "a3c-checkpoint-tests", Guid.NewGuid().ToString("N")))
    {
    }

    private SqliteCheckpointTests(string directory) : base(new PersistenceOptions(PersistenceProvider.Sqlite, directory))
    {
    }

    private string DatabasePath => SqliteCheckpointFile.PathOf(Options.Directory, Run);

    protected override async Task<DbConnection> OpenDatabaseAsync()
    {
        var connection = new SqliteConnection(CheckpointPersistenceConfig.SqliteConnection(DatabasePath));
        await connection.OpenAsync();
        return connection;
    }

    protected override string Table(string name) => name;

    protected override Task FailWritesToAsync(string table) => ExecuteAsync($"""
        CREATE TRIGGER fail_{table}_insert BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END;
        CREATE TRIGGER fail_{table}_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END;
        """);

    protected override Task AllowWritesToAsync(string table) =>
        ExecuteAsync($"DROP TRIGGER fail_{table}_insert; DROP TRIGGER fail_{table}_update;");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && Directory.Exists(Options.Directory)) Directory.Delete(Options.Directory, recursive: true);
    }

    [Fact]
    public async Task A_run_is_one_wal_mode_file_in_its_folder()
    {
        await StoreAllAsync(Keeper(), TestStates.Learner(1));

        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        Assert.Equal([Run], SqliteCheckpointFile.Runs(Options.Directory));
    }

    [Fact]
    public async Task A_half_truncated_database_says_what_to_do_next()
    {
        await StoreAllAsync(Keeper(), TestStates.Learner(1, weightBytes: 200_000), TestStates.Learner(2, weightBytes: 200_000));
        await Sys.Terminate();
        SqliteConnection.ClearAllPools();
        await using (var connection = await OpenDatabaseAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        await using (var file = new FileStream(DatabasePath, FileMode.Open)) file.SetLength(file.Length / 2);

        var error = await Assert.ThrowsAsync<PersistenceException>(() => CheckpointStore.PrepareAsync(Options, Run, create: false));

        Assert.Contains(DatabasePath, error.Message);
        Assert.Contains("is damaged", error.Message);
        Assert.Contains("Move it aside", error.Message);
    }

    [Fact]
    public async Task A_missing_run_names_where_it_looked_and_the_runs_there()
    {
        await StoreAllAsync(Keeper(), TestStates.Learner(1));

        var error = await Assert.ThrowsAsync<RunNotFoundException>(() => CheckpointStore.PrepareAsync(Options, "pong", create: false));

        Assert.Contains(Path.GetFullPath(Options.Directory), error.Message);
        Assert.Equal([Run], error.KnownRuns);
    }

    [Fact]
    public void Every_persisted_type_is_bound_to_the_binary_serializer()
    {
        object[] persisted =
        [
            CheckpointEncoding.Encode(TestStates.Learner(1)), TestStates.Learner(1),
            new CheckpointRecorded(1, 1, 1, 1, null, 1, [1], DateTimeOffset.UnixEpoch),
            new RunStarted("A2C", "CartPole-v1", null, "test", DateTimeOffset.UnixEpoch), new CheckpointsPruned([1]),
        ];

        Assert.All(persisted, value => Assert.IsType<CheckpointSerializer>(Sys.Serialization.FindSerializerFor(value)));
    }
}
