namespace A3C.Actors.Persistence;

/// <summary>A snapshot's header row as stored, before its blobs are read.</summary>
/// <param name="BlobCount">How many blob rows were written with it.</param>
/// <param name="BlobBytes">Their total size when written.</param>
internal sealed record StoredSnapshot(
    string Run,
    long SequenceNr,
    long TimestampMs,
    SnapshotCounters Counters,
    string MetadataJson,
    int BlobCount,
    long BlobBytes,
    byte[] Checksum)
{
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);

    /// <summary>The mean reward the metadata records, which retention ranks snapshots by.</summary>
    public double? MeanReward { get; } = SnapshotRetention.MeanReward(MetadataJson);

    /// <summary>
    /// Reads a header row selected as (sequence_nr, timestamp_ms, updates, frames, episodes,
    /// metadata, blob_count, blob_bytes, checksum), the column order both stores query in.
    /// </summary>
    public static StoredSnapshot Read(string run, System.Data.Common.DbDataReader row) => new(
        run,
        row.GetInt64(0),
        row.GetInt64(1),
        new SnapshotCounters(row.GetInt64(2), row.GetInt64(3), row.GetInt64(4)),
        row.GetString(5),
        row.GetInt32(6),
        row.GetInt64(7),
        row.GetFieldValue<byte[]>(8));
}

