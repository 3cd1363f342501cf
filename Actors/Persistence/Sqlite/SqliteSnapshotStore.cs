using System.Buffers;
using Microsoft.Data.Sqlite;

namespace A3C.Actors.Persistence.Sqlite;

/// <summary>
/// Snapshots in the run's SQLite file. Blobs move through SQLite's incremental blob I/O, straight
/// between the caller's memory and the file, never through an intermediate byte array.
/// </summary>
/// <remarks>Microsoft.Data.Sqlite runs "async" calls synchronously; the snapshot writer keeps them off the learner.</remarks>
internal sealed class SqliteSnapshotStore(SqliteRunDatabases databases) : SnapshotStoreBase
{
    private const int ChunkBytes = 1 << 20;

    public override string Location => databases.RunsDirectory;

    protected override async Task WriteAsync(Snapshot snapshot, byte[] checksum, CancellationToken cancellationToken)
    {
        await using var connection = await databases.OpenAsync(snapshot.Run, create: true, cancellationToken).ConfigureAwait(false);
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

        transaction.Commit();
    }

    protected override async Task<IReadOnlyList<StoredSnapshot>> ReadHeadersAsync(string run, CancellationToken cancellationToken)
    {
        await using var connection = await databases.OpenAsync(run, create: false, cancellationToken).ConfigureAwait(false);
        using var command = connection.Command(
            """
            SELECT sequence_nr, timestamp_ms, updates, frames, episodes, metadata, blob_count, blob_bytes, checksum
            FROM snapshots WHERE run = @run ORDER BY sequence_nr DESC;
            """,
            null, ("@run", run));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var headers = new List<StoredSnapshot>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            headers.Add(new StoredSnapshot(
                run,
                reader.GetInt64(0),
                reader.GetInt64(1),
                new SnapshotCounters(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.GetInt64(7),
                reader.GetFieldValue<byte[]>(8)));
        }

        return headers;
    }

    protected override async Task<IReadOnlyList<StoredBlob>> ReadBlobIndexAsync(
        StoredSnapshot stored, CancellationToken cancellationToken)
    {
        await using var connection = await databases.OpenAsync(stored.Run, create: false, cancellationToken).ConfigureAwait(false);
        using var command = connection.Command(
            "SELECT name, length, length(data) FROM snapshot_blobs WHERE run = @run AND sequence_nr = @seq;",
            null, ("@run", stored.Run), ("@seq", stored.SequenceNr));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var blobs = new List<StoredBlob>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            blobs.Add(new StoredBlob(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return blobs;
    }

    protected override async Task CopyBlobAsync(
        StoredSnapshot stored, StoredBlob blob, IBlobSink sink, CancellationToken cancellationToken)
    {
        await using var connection = await databases.OpenAsync(stored.Run, create: false, cancellationToken).ConfigureAwait(false);
        using var find = connection.Command(
            "SELECT rowid, typeof(data) FROM snapshot_blobs WHERE run = @run AND sequence_nr = @seq AND name = @name;",
            null, ("@run", stored.Run), ("@seq", stored.SequenceNr), ("@name", blob.Name));
        await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
    }

    protected override async Task DeleteAsync(string run, IReadOnlyList<long> sequenceNrs, CancellationToken cancellationToken)
    {
        await using var connection = await databases.OpenAsync(run, create: false, cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction();
        foreach (var sequenceNr in sequenceNrs)
        {
            connection.Run("DELETE FROM snapshot_blobs WHERE run = @run AND sequence_nr = @seq;", transaction, ("@run", run), ("@seq", sequenceNr));
            connection.Run("DELETE FROM snapshots WHERE run = @run AND sequence_nr = @seq;", transaction, ("@run", run), ("@seq", sequenceNr));
        }

        transaction.Commit();
    }
}
