using System.Buffers;
using Microsoft.Data.Sqlite;

namespace A3C.Actors.Persistence.Sqlite;

/// <summary>
/// Snapshots in the run's SQLite file. Blobs move through SQLite's incremental blob I/O, straight
/// between the caller's memory and the file, never through an intermediate byte array.
/// </summary>
internal sealed class SqliteSnapshotStore(SqliteRunDatabases databases) : SnapshotStoreBase
{
    private const int ChunkBytes = 1 << 20;

    public override string Location => databases.RunsDirectory;

    protected override Task<IReadOnlyList<long>?> WriteAsync(
        Snapshot snapshot, byte[] checksum, int? pruneToNewest, CancellationToken cancellationToken) =>
        databases.RunAsync(snapshot.Run, create: true, connection =>
        {
            using var transaction = connection.BeginTransaction();
            (string, object)[] key = [("@run", snapshot.Run), ("@seq", snapshot.SequenceNr)];
            connection.Run("DELETE FROM snapshot_blobs WHERE run = @run AND sequence_nr = @seq;", transaction, key);
            connection.Run("DELETE FROM snapshots WHERE run = @run AND sequence_nr = @seq;", transaction, key);
            connection.Run(
                """
                INSERT INTO snapshots (run, sequence_nr, timestamp_ms, updates, frames, episodes, metadata, blob_count, blob_bytes, checksum)
                VALUES (@run, @seq, @timestamp, @updates, @frames, @episodes, @metadata, @blobCount, @blobBytes, @checksum);
                """,
                transaction,
                [.. key,
                    ("@timestamp", snapshot.Timestamp.ToUnixTimeMilliseconds()),
                    ("@updates", snapshot.Counters.Updates),
                    ("@frames", snapshot.Counters.Frames),
                    ("@episodes", snapshot.Counters.Episodes),
                    ("@metadata", snapshot.MetadataJson),
                    ("@blobCount", snapshot.Blobs.Count),
                    ("@blobBytes", snapshot.BlobBytes),
                    ("@checksum", checksum)]);

            foreach (var (name, data) in snapshot.BlobsInCanonicalOrder)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Reserve the blob's space, then fill it from the caller's memory in place.
                using var insert = connection.Command(
                    """
                    INSERT INTO snapshot_blobs (run, sequence_nr, name, length, data)
                    VALUES (@run, @seq, @name, @length, zeroblob(@length)) RETURNING rowid;
                    """,
                    transaction, [.. key, ("@name", name), ("@length", data.Length)]);
                var rowId = (long)insert.ExecuteScalar()!;
                using var blob = new SqliteBlob(connection, "snapshot_blobs", "data", rowId);
                blob.Write(data.Span);
            }

            var pruned = pruneToNewest is { } keep ? PruneBehindNewest(connection, transaction, snapshot, keep) : [];
            transaction.Commit();
            return pruned;
        }, cancellationToken);

    // Within the write's transaction: nothing is deleted unless the snapshot just written is the newest.
    private static IReadOnlyList<long>? PruneBehindNewest(SqliteConnection connection, SqliteTransaction transaction, Snapshot written, int keep)
    {
        // The metadata of every row, for the best mean reward: a few rows, since each write prunes.
        var newestFirst = new List<(long SequenceNr, double? MeanReward)>();
        using (var query = connection.Command(
            "SELECT sequence_nr, metadata FROM snapshots WHERE run = @run ORDER BY sequence_nr DESC;", transaction, ("@run", written.Run)))
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read()) newestFirst.Add((reader.GetInt64(0), SnapshotRetention.MeanReward(reader.GetString(1))));
        }

        if (newestFirst[0].SequenceNr != written.SequenceNr) return null;
        var doomed = SnapshotRetention.Doomed(newestFirst, keep);
        foreach (var sequenceNr in doomed)
        {
            (string, object)[] key = [("@run", written.Run), ("@seq", sequenceNr)];
            connection.Run("DELETE FROM snapshot_blobs WHERE run = @run AND sequence_nr = @seq;", transaction, key);
            connection.Run("DELETE FROM snapshots WHERE run = @run AND sequence_nr = @seq;", transaction, key);
        }

        return doomed;
    }

    protected override Task<IReadOnlyList<StoredSnapshot>> ReadHeadersAsync(string run, CancellationToken cancellationToken) =>
        databases.RunAsync<IReadOnlyList<StoredSnapshot>>(run, create: false, connection =>
        {
            using var command = connection.Command(
                """
                SELECT sequence_nr, timestamp_ms, updates, frames, episodes, metadata, blob_count, blob_bytes, checksum
                FROM snapshots WHERE run = @run ORDER BY sequence_nr DESC;
                """,
                null, ("@run", run));
            using var reader = command.ExecuteReader();
            var headers = new List<StoredSnapshot>();
            while (reader.Read())
            {
                headers.Add(StoredSnapshot.Read(run, reader));
            }

            return headers;
        }, cancellationToken);

    protected override Task<IReadOnlyList<StoredBlob>> ReadBlobIndexAsync(StoredSnapshot stored, CancellationToken cancellationToken) =>
        databases.RunAsync<IReadOnlyList<StoredBlob>>(stored.Run, create: false, connection =>
        {
            using var command = connection.Command(
                "SELECT name, length, length(data) FROM snapshot_blobs WHERE run = @run AND sequence_nr = @seq;",
                null, ("@run", stored.Run), ("@seq", stored.SequenceNr));
            using var reader = command.ExecuteReader();
            var blobs = new List<StoredBlob>();
            while (reader.Read())
            {
                blobs.Add(new StoredBlob(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }

            return blobs;
        }, cancellationToken);

    protected override Task CopyBlobAsync(
        StoredSnapshot stored, StoredBlob blob, IBlobSink sink, CancellationToken cancellationToken) =>
        databases.RunAsync(stored.Run, create: false, connection =>
        {
            using var find = connection.Command(
                "SELECT rowid, typeof(data) FROM snapshot_blobs WHERE run = @run AND sequence_nr = @seq AND name = @name;",
                null, ("@run", stored.Run), ("@seq", stored.SequenceNr), ("@name", blob.Name));
            using var reader = find.ExecuteReader();
            if (!reader.Read())
            {
                throw new SnapshotCorruptException(SnapshotStatus.Unreadable, $"blob '{blob.Name}' disappeared while being read");
            }

            var (rowId, type) = (reader.GetInt64(0), reader.GetString(1));
            if (type != "blob")
            {
                throw new SnapshotCorruptException(SnapshotStatus.Unreadable, $"blob '{blob.Name}' holds a {type} value, not a blob");
            }

            using var source = new SqliteBlob(connection, "snapshot_blobs", "data", rowId, readOnly: true);
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            try
            {
                int read;
                while ((read = source.Read(buffer, 0, ChunkBytes)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    sink.Write(buffer.AsSpan(0, read));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }, cancellationToken);

    protected override Task<bool> IsStillStoredAsync(StoredSnapshot stored, CancellationToken cancellationToken) =>
        databases.RunAsync(stored.Run, create: false, connection =>
        {
            using var command = connection.Command(
                "SELECT 1 FROM snapshots WHERE run = @run AND sequence_nr = @seq;",
                null, ("@run", stored.Run), ("@seq", stored.SequenceNr));
            return command.ExecuteScalar() is not null;
        }, cancellationToken);

    protected override Task DeleteAsync(string run, IReadOnlyList<long> sequenceNrs, CancellationToken cancellationToken) =>
        databases.RunAsync(run, create: false, connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var sequenceNr in sequenceNrs)
            {
                (string, object)[] key = [("@run", run), ("@seq", sequenceNr)];
                connection.Run("DELETE FROM snapshot_blobs WHERE run = @run AND sequence_nr = @seq;", transaction, key);
                connection.Run("DELETE FROM snapshots WHERE run = @run AND sequence_nr = @seq;", transaction, key);
            }

            transaction.Commit();
        }, cancellationToken);
}
