namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>One checkpoint of a run as a listing shows it.</summary>
/// <param name="Problem">Why its snapshot cannot be used; null when it verified (or was not checked).</param>
/// <param name="IsBest">It has the run's highest mean reward, so retention keeps it.</param>
public sealed record StoredCheckpoint(CheckpointRecorded Recorded, string? Problem, bool IsBest)
{
    public bool IsValid => Problem is null;
}
