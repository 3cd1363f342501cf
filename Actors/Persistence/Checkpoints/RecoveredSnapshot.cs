namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>What a recovery found: the newest snapshot at or below the criteria, if any.</summary>
/// <param name="SequenceNr">The snapshot's sequence number; null when the run has none in range.</param>
/// <param name="Snapshot">A <see cref="LearnerState"/>, a <see cref="DamagedCheckpoint"/>, or null.</param>
public sealed record RecoveredSnapshot(long? SequenceNr, object? Snapshot);
