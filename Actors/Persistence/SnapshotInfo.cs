namespace A3C.Actors.Persistence;

/// <summary>One stored snapshot as a listing shows it.</summary>
/// <param name="SizeBytes">Total size of the snapshot's blobs as recorded when it was written.</param>
/// <param name="Checksum">The stored SHA-256, lower-case hex.</param>
/// <param name="Problem">Why the snapshot is not valid; null when it is (or was not checked).</param>
/// <param name="MeanReward">The mean reward its metadata records; null when none.</param>
/// <param name="IsBest">It has the run's highest mean reward, so retention never deletes it.</param>
public sealed record SnapshotInfo(
    string Run,
    long SequenceNr,
    DateTimeOffset Timestamp,
    SnapshotCounters Counters,
    long SizeBytes,
    string Checksum,
    SnapshotStatus Status,
    string? Problem,
    double? MeanReward = null,
    bool IsBest = false);
