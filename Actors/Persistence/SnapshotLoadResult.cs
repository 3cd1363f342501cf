namespace A3C.Actors.Persistence;

/// <summary>The outcome of looking for the newest snapshot a run can resume from.</summary>
/// <param name="Snapshot">The newest snapshot that verified, or null when none did (or none exist).</param>
/// <param name="Problems">Every newer snapshot that was skipped, newest first.</param>
public sealed record SnapshotLoadResult(Snapshot? Snapshot, IReadOnlyList<SnapshotProblem> Problems);
