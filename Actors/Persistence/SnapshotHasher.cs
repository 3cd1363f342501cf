using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace A3C.Actors.Persistence;

/// <summary>
/// SHA-256 over a snapshot's header and blobs in a fixed, length-prefixed encoding, fed piecewise so
/// stored blobs can be verified while streaming them out of the database.
/// </summary>
internal sealed class SnapshotHasher : IBlobSink, IDisposable
{
    // Bumped if the encoding ever changes, so old and new checksums can never be confused.
    private static readonly byte[] Domain = "a3c-snapshot-sha256-v1"u8.ToArray();

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public const int ChecksumLength = 32;

    public static byte[] Compute(Snapshot snapshot)
    {
        using var hasher = new SnapshotHasher();
        hasher.AppendHeader(
            snapshot.Run, snapshot.SequenceNr, snapshot.Timestamp.ToUnixTimeMilliseconds(),
            snapshot.Counters, snapshot.MetadataJson, snapshot.Blobs.Count);
        foreach (var (name, data) in snapshot.BlobsInCanonicalOrder)
        {
            hasher.BeginBlob(name, data.Length);
            hasher.Write(data.Span);
        }

        return hasher.Finish();
    }

    public void AppendHeader(
        string run, long sequenceNr, long timestampMs, SnapshotCounters counters, string metadataJson, int blobCount)
    {
        _hash.AppendData(Domain);
        AppendString(run);
        AppendInt64(sequenceNr);
        AppendInt64(timestampMs);
        AppendInt64(counters.Updates);
        AppendInt64(counters.Frames);
        AppendInt64(counters.Episodes);
        AppendString(metadataJson);
        AppendInt64(blobCount);
    }

    /// <summary>Starts a blob; its <paramref name="length"/> bytes follow through <see cref="Write"/>.</summary>
    public void BeginBlob(string name, long length)
    {
        AppendString(name);
        AppendInt64(length);
    }

    public void Write(ReadOnlySpan<byte> chunk) => _hash.AppendData(chunk);

    public byte[] Finish() => _hash.GetHashAndReset();

    public void Dispose() => _hash.Dispose();

    private void AppendString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        AppendInt64(bytes.Length);
        _hash.AppendData(bytes);
    }

    private void AppendInt64(long value)
    {
        Span<byte> buffer = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
        _hash.AppendData(buffer);
    }
}
