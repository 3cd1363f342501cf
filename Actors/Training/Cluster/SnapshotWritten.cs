namespace A3C.Actors.Training.Cluster;

/// <summary>A <see cref="WorkerProxy"/>'s snapshot is on the socket (or its link is gone): the next may go.</summary>
internal sealed record SnapshotWritten(bool Delivered);
