using System.Buffers;
using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace A3C.Actors.Persistence.Postgres;

/// <summary>
/// Snapshots as bytea rows. Blobs are sent straight from the caller's memory and read back with
/// sequential access, so a blob is never buffered twice.
/// </summary>
internal sealed class PostgresSnapshotStore(PostgresDatabase database) : SnapshotStoreBase
{
    private const int ChunkBytes = 1 << 20;

    public override string Location => database.Location;

    private string Schema => database.Schema;

    protected override async Task<IReadOnlyList<long>?> WriteAsync(
        Snapshot snapshot, byte[] checksum, int? pruneToNewest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await database.RegisterRunAsync(connection, transaction, snapshot.Run, cancellationToken).ConfigureAwait(false);
        (string, object)[] key = [("run", snapshot.Run), ("seq", snapshot.SequenceNr)];
        await ExecuteAsync($"DELETE FROM {Schema}.snapshots WHERE run = @run AND sequence_nr = @seq;", key);
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.snapshots (run, sequence_nr, timestamp_ms, updates, frames, episodes, metadata, blob_count, blob_bytes, checksum)
            VALUES (@run, @seq, @timestamp, @updates, @frames, @episodes, @metadata, @blobCount, @blobBytes, @checksum);
            """,
            [.. key,
                ("timestamp", snapshot.Timestamp.ToUnixTimeMilliseconds()),
                ("updates", snapshot.Counters.Updates),
                ("frames", snapshot.Counters.Frames),
                ("episodes", snapshot.Counters.Episodes),
                ("metadata", snapshot.MetadataJson),
                ("blobCount", snapshot.Blobs.Count),
                ("blobBytes", snapshot.BlobBytes),
                ("checksum", checksum)]);

        foreach (var (name, data) in snapshot.BlobsInCanonicalOrder)
        {
            await using var insert = connection.Command(
                $"""
                INSERT INTO {Schema}.snapshot_blobs (run, sequence_nr, name, length, data)
                VALUES (@run, @seq, @name, @length, @data);
                """,
                transaction, [.. key, ("name", name), ("length", (long)data.Length)]);
            // A typed parameter hands Npgsql the caller's memory as is; no byte[] copy is made.
            insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea) { TypedValue = data });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var pruned = pruneToNewest is { } keep ? await PruneBehindNewestAsync(keep).ConfigureAwait(false) : [];
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return pruned;

        // Nothing is deleted unless the snapshot just written (and so valid) is the newest.
        async Task<IReadOnlyList<long>?> PruneBehindNewestAsync(int keep)
        {
            // The metadata of every row, for the best mean reward: a few rows, since each write prunes.
            var newestFirst = new List<(long SequenceNr, double? MeanReward)>();
            await using (var query = connection.Command(
                $"SELECT sequence_nr, metadata FROM {Schema}.snapshots WHERE run = @run ORDER BY sequence_nr DESC;",
                transaction, ("run", snapshot.Run)))
            await using (var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    newestFirst.Add((reader.GetInt64(0), SnapshotRetention.MeanReward(reader.GetString(1))));
            }

            if (newestFirst[0].SequenceNr != snapshot.SequenceNr) return null;
            var doomed = SnapshotRetention.Doomed(newestFirst, keep);
            // Blob rows go with their snapshot row (ON DELETE CASCADE).
            if (doomed.Count > 0)
                await ExecuteAsync($"DELETE FROM {Schema}.snapshots WHERE run = @run AND sequence_nr = ANY(@seqs);",
                    [("run", snapshot.Run), ("seqs", doomed.ToArray())]).ConfigureAwait(false);
            return doomed;
        }

        async Task ExecuteAsync(string sql, (string, object)[] parameters)
        {
            await using var command = connection.Command(sql, transaction, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task<IReadOnlyList<StoredSnapshot>> ReadHeadersAsync(string run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await database.EnsureRunExistsAsync(connection, run, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"""
            SELECT sequence_nr, timestamp_ms, updates, frames, episodes, metadata, blob_count, blob_bytes, checksum
            FROM {Schema}.snapshots WHERE run = @run ORDER BY sequence_nr DESC;
            """,
            null, ("run", run));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var headers = new List<StoredSnapshot>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            headers.Add(StoredSnapshot.Read(run, reader));
        }

        return headers;
    }

    protected override async Task<IReadOnlyList<StoredBlob>> ReadBlobIndexAsync(
        StoredSnapshot stored, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT name, length, octet_length(data) FROM {Schema}.snapshot_blobs WHERE run = @run AND sequence_nr = @seq;",
            null, ("run", stored.Run), ("seq", stored.SequenceNr));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var blobs = new List<StoredBlob>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            blobs.Add(new StoredBlob(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)));
        }

        return blobs;
    }

    protected override async Task CopyBlobAsync(
        StoredSnapshot stored, StoredBlob blob, IBlobSink sink, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT data FROM {Schema}.snapshot_blobs WHERE run = @run AND sequence_nr = @seq AND name = @name;",
            null, ("run", stored.Run), ("seq", stored.SequenceNr), ("name", blob.Name));
        // Sequential access streams the value off the socket instead of buffering the whole row first.
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken)
            .ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new SnapshotCorruptException(SnapshotStatus.Unreadable, $"blob '{blob.Name}' disappeared while being read");
        }

        await using var source = await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken).ConfigureAwait(false)) > 0)
            {
                sink.Write(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override async Task<bool> IsStillStoredAsync(StoredSnapshot stored, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"SELECT 1 FROM {Schema}.snapshots WHERE run = @run AND sequence_nr = @seq;",
            null, ("run", stored.Run), ("seq", stored.SequenceNr));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    protected override async Task DeleteAsync(string run, IReadOnlyList<long> sequenceNrs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Blob rows go with their snapshot row (ON DELETE CASCADE).
        await using var command = connection.Command(
            $"DELETE FROM {Schema}.snapshots WHERE run = @run AND sequence_nr = ANY(@seqs);",
            null, ("run", run), ("seqs", sequenceNrs.ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
