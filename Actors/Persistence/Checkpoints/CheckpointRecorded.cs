namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// Journal event: a checkpoint's snapshot was stored. It is persisted only after the snapshot
/// store confirmed the write, so the journal never names a snapshot that was not stored.
/// </summary>
/// <param name="SnapshotSequenceNr">The sequence number the snapshot is stored under.</param>
/// <param name="SizeBytes">The stored snapshot's size.</param>
/// <param name="Checksum">SHA-256 of the stored snapshot, as its trailer holds it.</param>
public sealed record CheckpointRecorded(
    long SnapshotSequenceNr,
    long Step,
    long Frames,
    long Episodes,
    double? MeanReward,
    long SizeBytes,
    byte[] Checksum,
    DateTimeOffset Timestamp);
