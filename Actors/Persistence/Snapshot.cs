namespace A3C.Actors.Persistence;

/// <summary>
/// A checkpoint of one run: counters, free-form JSON (config text, RNG states, ...) and named binary
/// blobs such as "weights", "optimizer" and "normalizer".
/// </summary>
/// <remarks>
/// Blobs are <see cref="ReadOnlyMemory{T}"/> so a snapshot of tens of megabytes travels from the
/// learner to the database without being copied; whoever builds one hands over the buffers and must
/// not change them afterwards. Timestamps are kept at millisecond precision.
/// </remarks>
/// <param name="SequenceNr">The learner's update number; snapshots of a run are ordered by it.</param>
/// <param name="MetadataJson">A JSON document; "{}" when there is nothing to say.</param>
public sealed record Snapshot(
    string Run,
    long SequenceNr,
    DateTimeOffset Timestamp,
    SnapshotCounters Counters,
    string MetadataJson,
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Blobs)
{
    public const int MaxBlobNameLength = 128;

    /// <summary>Total size of the blobs in bytes.</summary>
    public long BlobBytes => Blobs.Values.Sum(blob => (long)blob.Length);

    /// <summary>Blob names in the order they are hashed and stored: ordinal, so it never depends on culture.</summary>
    internal IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> BlobsInCanonicalOrder =>
        Blobs.OrderBy(blob => blob.Key, StringComparer.Ordinal);

    /// <summary>Throws when the snapshot cannot be stored faithfully.</summary>
    internal void Validate()
    {
        RunName.Validate(Run);
        if (SequenceNr < 0)
        {
            throw new ArgumentException($"Snapshot of run '{Run}' has sequence number {SequenceNr}; expected 0 or more.");
        }

        JsonText.Validate(MetadataJson, $"metadata of snapshot {SequenceNr} of run '{Run}'");
        foreach (var name in Blobs.Keys)
        {
            if (name.Length is 0 or > MaxBlobNameLength)
            {
                throw new ArgumentException(
                    $"Snapshot {SequenceNr} of run '{Run}' has a blob named '{name}': expected 1 to {MaxBlobNameLength} characters.");
            }
        }
    }
}
