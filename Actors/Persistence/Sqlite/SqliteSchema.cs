using Microsoft.Data.Sqlite;

namespace A3C.Actors.Persistence.Sqlite;

/// <summary>Creates the tables of a run's database on first use and refuses one from a newer build.</summary>
internal static class SqliteSchema
{
    // The run column is redundant in a one-run file, but it keeps rows self-describing and the
    // tables shaped like the PostgreSQL ones. Timestamps are Unix milliseconds in both stores.
    private const string CreateTables = """
        CREATE TABLE journal (
            run          TEXT    NOT NULL,
            sequence_nr  INTEGER NOT NULL,
            timestamp_ms INTEGER NOT NULL,
            kind         TEXT    NOT NULL,
            payload      TEXT    NOT NULL,
            PRIMARY KEY (run, sequence_nr));
        CREATE TABLE snapshots (
            run          TEXT    NOT NULL,
            sequence_nr  INTEGER NOT NULL,
            timestamp_ms INTEGER NOT NULL,
            updates      INTEGER NOT NULL,
            frames       INTEGER NOT NULL,
            episodes     INTEGER NOT NULL,
            metadata     TEXT    NOT NULL,
            blob_count   INTEGER NOT NULL,
            blob_bytes   INTEGER NOT NULL,
            checksum     BLOB    NOT NULL,
            PRIMARY KEY (run, sequence_nr));
        CREATE TABLE snapshot_blobs (
            run          TEXT    NOT NULL,
            sequence_nr  INTEGER NOT NULL,
            name         TEXT    NOT NULL,
            length       INTEGER NOT NULL,
            data         BLOB    NOT NULL,
            PRIMARY KEY (run, sequence_nr, name));
        """;

    public static void Prepare(SqliteConnection connection, string path)
    {
        // WAL lets a `checkpoints list` read while the learner writes; the mode persists in the file.
        connection.Run("PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction();
        connection.Run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", transaction);
        var found = connection.Command("SELECT MAX(version) FROM schema_version;", transaction).ExecuteScalar();
        if (found is null or DBNull)
        {
            connection.Run(CreateTables, transaction);
            connection.Run($"INSERT INTO schema_version (version) VALUES ({SchemaVersion.Current});", transaction);
        }
        else
        {
            SchemaVersion.EnsureUnderstood(Convert.ToInt32(found, System.Globalization.CultureInfo.InvariantCulture), path);
        }

        transaction.Commit();
    }
}
