using Npgsql;

namespace A3C.Actors.Persistence.Postgres;

/// <summary>Creates the tables on first use and refuses a schema from a newer build.</summary>
internal static class PostgresSchema
{
    private static string CreateTables(string schema) => $"""
        CREATE TABLE {schema}.runs (
            run          TEXT   PRIMARY KEY,
            created_ms   BIGINT NOT NULL);
        CREATE TABLE {schema}.journal (
            run          TEXT   NOT NULL REFERENCES {schema}.runs (run) ON DELETE CASCADE,
            sequence_nr  BIGINT NOT NULL,
            timestamp_ms BIGINT NOT NULL,
            kind         TEXT   NOT NULL,
            payload      TEXT   NOT NULL,
            PRIMARY KEY (run, sequence_nr));
        CREATE TABLE {schema}.snapshots (
            run          TEXT   NOT NULL REFERENCES {schema}.runs (run) ON DELETE CASCADE,
            sequence_nr  BIGINT NOT NULL,
            timestamp_ms BIGINT NOT NULL,
            updates      BIGINT NOT NULL,
            frames       BIGINT NOT NULL,
            episodes     BIGINT NOT NULL,
            metadata     TEXT   NOT NULL,
            blob_count   INT    NOT NULL,
            blob_bytes   BIGINT NOT NULL,
            checksum     BYTEA  NOT NULL,
            PRIMARY KEY (run, sequence_nr));
        CREATE TABLE {schema}.snapshot_blobs (
            run          TEXT   NOT NULL,
            sequence_nr  BIGINT NOT NULL,
            name         TEXT   NOT NULL,
            length       BIGINT NOT NULL,
            data         BYTEA  NOT NULL,
            PRIMARY KEY (run, sequence_nr, name),
            FOREIGN KEY (run, sequence_nr) REFERENCES {schema}.snapshots (run, sequence_nr) ON DELETE CASCADE);
        -- Weights and optimizer state are near-random floats: compressing them costs time and saves nothing.
        ALTER TABLE {schema}.snapshot_blobs ALTER COLUMN data SET STORAGE EXTERNAL;
        """;

    public static async Task PrepareAsync(
        NpgsqlConnection connection, string schema, string location, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Several processes of a cluster may start at once; the lock makes exactly one create the tables.
        await Execute($"SELECT pg_advisory_xact_lock(hashtext('a3c-persistence-schema:{schema}'));");
        await Execute($"CREATE SCHEMA IF NOT EXISTS {schema}; CREATE TABLE IF NOT EXISTS {schema}.schema_version (version INT NOT NULL);");
        await using var select = connection.Command($"SELECT MAX(version) FROM {schema}.schema_version;", transaction);
        var found = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (found is null or DBNull)
        {
            await Execute(CreateTables(schema));
            await Execute($"INSERT INTO {schema}.schema_version (version) VALUES ({SchemaVersion.Current});");
        }
        else
        {
            SchemaVersion.EnsureUnderstood((int)found, location);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        async Task Execute(string sql)
        {
            await using var command = connection.Command(sql, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
