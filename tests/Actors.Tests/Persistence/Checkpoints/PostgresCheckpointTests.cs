using System.Data.Common;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using Npgsql;

namespace A3C.Actors.Tests.Persistence.Checkpoints;

/// <summary>
/// The checkpoint contract on PostgreSQL. Each test has its own schema, dropped afterwards, so tests
/// running side by side never see each other's runs.
/// </summary>
public sealed class PostgresCheckpointTests : CheckpointPersistenceContract
{
    public PostgresCheckpointTests() : this("test_" + Guid.NewGuid().ToString("N"))
    {
    }

    private PostgresCheckpointTests(string schema) : base(
        new PersistenceOptions(PersistenceProvider.Postgres,
            ConnectionString: PostgresTestServer.Skipped ? "Host=unused" : PostgresTestServer.ConnectionString, Schema: schema),
        PostgresTestServer.Skipped)
    {
    }

    protected override async Task<DbConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override string Table(string name) => $"\"{Options.Schema}\".\"{name}\"";

    protected override Task FailWritesToAsync(string table) => ExecuteAsync($"""
        CREATE FUNCTION "{Options.Schema}".fail_{table}() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'disk full (injected)'; END $$;
        CREATE TRIGGER fail_{table} BEFORE INSERT OR UPDATE ON {Table(table)} FOR EACH ROW EXECUTE FUNCTION "{Options.Schema}".fail_{table}();
        """);

    protected override Task AllowWritesToAsync(string table) =>
        ExecuteAsync($"DROP TRIGGER fail_{table} ON {Table(table)}; DROP FUNCTION \"{Options.Schema}\".fail_{table}();");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || Skipped) return;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Options.ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Options.Schema}\" CASCADE", connection);
        drop.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_second_trainer_of_a_run_is_refused_naming_the_holder()
    {
        if (Skipped) return;
        await using var first = await PostgresRunLease.AcquireAsync(Options.ConnectionString!, Run);

        var error = await Assert.ThrowsAsync<RunLeasedException>(() => PostgresRunLease.AcquireAsync(Options.ConnectionString!, Run));

        Assert.Contains($"pid {Environment.ProcessId}", error.Holder);
        Assert.Contains($"run '{Run}'", error.Message);
        await using var other = await PostgresRunLease.AcquireAsync(Options.ConnectionString!, "pong"); // other runs are free
    }

    [Fact]
    public async Task A_released_run_can_be_taken_again()
    {
        if (Skipped) return;
        await (await PostgresRunLease.AcquireAsync(Options.ConnectionString!, Run)).DisposeAsync();

        await using var again = await PostgresRunLease.AcquireAsync(Options.ConnectionString!, Run);

        Assert.Contains($"pid {Environment.ProcessId}", again.Holder);
    }
}
