namespace A3C.Actors.Persistence;

/// <summary>What reading a stored snapshot back found.</summary>
public enum SnapshotStatus
{
    /// <summary>Every blob is present and the checksum over metadata and blobs matches.</summary>
    Valid,

    /// <summary>The rows are complete but their content no longer hashes to the stored checksum.</summary>
    ChecksumMismatch,

    /// <summary>The rows could not be read back as a snapshot: a missing or truncated blob, a wrongly typed cell.</summary>
    Unreadable,
}
