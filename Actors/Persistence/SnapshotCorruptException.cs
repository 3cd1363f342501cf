namespace A3C.Actors.Persistence;

/// <summary>A stored snapshot failed verification; the store reports it and moves on to an older one.</summary>
internal sealed class SnapshotCorruptException(SnapshotStatus status, string detail) : Exception(detail)
{
    public SnapshotStatus Status { get; } = status;
}
