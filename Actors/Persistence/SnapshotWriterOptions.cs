namespace A3C.Actors.Persistence;

/// <summary>How a <see cref="SnapshotWriter"/> queues and retains snapshots.</summary>
/// <param name="MaxQueued">
/// Snapshots waiting to be written at most. When one more arrives, the oldest waiting one is dropped
/// (coalesced): the newer snapshot supersedes it, and memory stays bounded however slow the disk is.
/// </param>
/// <param name="KeepLast">With each write, prune the run to this many snapshots (see
/// <see cref="ISnapshotStore.SaveAndPruneAsync"/>); null keeps everything.</param>
public sealed record SnapshotWriterOptions(int MaxQueued = 2, int? KeepLast = 5);
