namespace A3C.Actors.Persistence;

/// <summary>Training progress at the moment of a snapshot.</summary>
public sealed record SnapshotCounters(long Updates, long Frames, long Episodes);
