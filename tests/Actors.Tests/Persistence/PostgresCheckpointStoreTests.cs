using A3C.Actors.Persistence;
using Npgsql;

namespace A3C.Actors.Tests.Persistence;

/// <summary>
/// The store contract against PostgreSQL. Each test gets its own schema, dropped afterwards, so tests
/// running side by side never see each other's runs or schema versions.
/// </summary>
public sealed class PostgresCheckpointStoreTests : CheckpointStoreContract
{
    private readonly string _schema = "test_" + Guid.NewGuid().ToString("N");

    protected override bool Skipped => PostgresTestServer.Skipped;

    protected override Task<ICheckpointStore> OpenStoreAsync() =>
        Task.FromResult(CheckpointStores.Open(new PersistenceOptions(
            PersistenceProvider.Postgres, ConnectionString: PostgresTestServer.ConnectionString, Schema: _schema)));

    protected override string Table(string name) => $"{_schema}.{name}";

    protected override async Task ExecuteSqlAsync(string run, string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresTestServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.True(await command.ExecuteNonQueryAsync() > 0, $"'{sql}' changed nothing");
    }

    protected override Task FlipBlobByteAsync(string run, long sequenceNr, string blobName, int offset) =>
        ExecuteSqlAsync(run,
            $"UPDATE {Table("snapshot_blobs")} SET data = set_byte(data, {offset}, 255 - get_byte(data, {offset})) " +
            $"WHERE run = '{run}' AND sequence_nr = {sequenceNr} AND name = '{blobName}'");

    public override async Task DisposeAsync()
    {
        var opened = IsOpen;
        await base.DisposeAsync();
        if (opened)
        {
            await using var connection = new NpgsqlConnection(PostgresTestServer.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
