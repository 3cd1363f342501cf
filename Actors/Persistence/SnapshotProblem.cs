namespace A3C.Actors.Persistence;

/// <summary>A stored snapshot that was passed over because it failed verification.</summary>
/// <param name="Detail">What was wrong, naming the blob or value involved.</param>
public sealed record SnapshotProblem(string Run, long SequenceNr, SnapshotStatus Status, string Detail)
{
    public override string ToString() => $"snapshot {SequenceNr} of run '{Run}' is {Status}: {Detail}";
}
