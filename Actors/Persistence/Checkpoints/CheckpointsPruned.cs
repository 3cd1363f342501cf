namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>Journal event: retention deleted these snapshots (by sequence number).</summary>
public sealed record CheckpointsPruned(long[] SnapshotSequenceNrs);
