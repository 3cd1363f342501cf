namespace A3C.Actors.Persistence;

/// <summary>A snapshot the writer has stored; the learner journals its checkpoint from this.</summary>
public sealed record SnapshotWritten(string Run, long SequenceNr, long Bytes, TimeSpan Duration);
