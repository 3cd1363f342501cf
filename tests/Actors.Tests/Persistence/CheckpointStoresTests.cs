using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Postgres;
using A3C.Actors.Persistence.Sqlite;

namespace A3C.Actors.Tests.Persistence;

public sealed class CheckpointStoresTests
{
    [Fact]
    public async Task Sqlite_is_the_default_provider_and_resolves_its_directory()
    {
        await using var store = CheckpointStores.Open(new PersistenceOptions(Directory: "some/runs"));

        Assert.IsType<SqliteCheckpointStore>(store);
        Assert.Equal(Path.GetFullPath("some/runs"), store.Location);
    }

    [Fact]
    public async Task Postgres_location_names_server_and_database_but_not_the_password()
    {
        await using var store = CheckpointStores.Open(new PersistenceOptions(
            PersistenceProvider.Postgres, ConnectionString: "Host=db.cluster;Port=5433;Database=runs;Username=a3c;Password=hunter2"));

        Assert.IsType<PostgresCheckpointStore>(store);
        Assert.Equal("PostgreSQL db.cluster:5433/runs (schema a3c)", store.Location);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(
            () => CheckpointStores.Open(new PersistenceOptions(PersistenceProvider.Postgres)));

        Assert.Contains("needs a connection string", error.Message);
    }

    [Fact]
    public void Postgres_schema_names_are_checked_before_they_reach_sql()
    {
        var error = Assert.Throws<ArgumentException>(() => CheckpointStores.Open(new PersistenceOptions(
            PersistenceProvider.Postgres, ConnectionString: "Host=localhost", Schema: "a3c; DROP TABLE runs")));

        Assert.Contains("schema name", error.Message);
    }
}
