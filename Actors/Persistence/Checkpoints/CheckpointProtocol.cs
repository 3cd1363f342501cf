namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>Learner → <see cref="CheckpointKeeper"/>: store this state. The learner does not wait for an answer.</summary>
public sealed record TakeCheckpoint(LearnerState State);

/// <summary><see cref="CheckpointKeeper"/> → <see cref="RunCheckpoints"/>: write one snapshot and its journal event.</summary>
public sealed record StoreCheckpoint(LearnerState State);

/// <summary>A checkpoint's snapshot and event were stored. Published on the event stream.</summary>
public sealed record CheckpointStored(string Run, long Step, long SnapshotSequenceNr, long SizeBytes, TimeSpan Duration);

/// <summary>
/// A checkpoint could not be stored (a full disk, a lost server); its state is kept and tried
/// again. Published on the event stream.
/// </summary>
public sealed record CheckpointNotStored(string Run, long Step, string Reason);

/// <summary>Asks the keeper to store what it holds and answer with <see cref="CheckpointsFlushed"/>.</summary>
public sealed record FlushCheckpoints;

/// <summary>
/// The keeper's answer to <see cref="FlushCheckpoints"/>: everything handed over was stored, or
/// the newest state could not be, and why.
/// </summary>
/// <param name="LastStoredStep">The newest step stored during this process; null when none was.</param>
/// <param name="UnstoredStep">The newest step handed over but not stored; null when all were stored.</param>
public sealed record CheckpointsFlushed(long? LastStoredStep, long? UnstoredStep, string? Problem)
{
    public bool AllStored => UnstoredStep is null;
}
