namespace A3C.Actors.Persistence;

/// <summary>A snapshot the writer could not store, or could not prune after storing.</summary>
public sealed record SnapshotWriteFailure(string Run, long SequenceNr, Exception Error);
