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
}

