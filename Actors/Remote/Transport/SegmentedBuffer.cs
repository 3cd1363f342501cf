using System.Buffers;
using A3C.Actors.Remote.Serialization;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// A buffer writer over pooled segments of about the chunk size, so a message of any size is
/// encoded once without regrowing and copying, and a large one can then be sent segment by
/// segment as chunks. Bulk arrays are not copied in at all: <see cref="WriteShared"/> keeps a
/// reference to the caller's bytes as a segment of their own. <see cref="Reset"/> keeps one
/// pooled segment for the next message, so a small message costs no rent. It remembers where its
/// largest raw array lies (<see cref="LargestArray"/>) for the first chunk to announce.
/// </summary>
internal sealed class SegmentedBuffer(int segmentSize, ArrayCompressor? compressor = null) : IBufferWriter<byte>, ISharedBytesWriter, IDisposable
{
    // Segments before the tail, complete: pooled arrays (returned on reset) or shared bytes (not ours).
    private readonly List<(byte[]? Pooled, ReadOnlyMemory<byte> Bytes)> _sealed = [];
    private long _sealedLength;
    // The pooled segment being written, kept apart so the many small writes of a message touch two fields.
    private byte[]? _tail;
    private int _tailLength;

    public long Length => _sealedLength + _tailLength;

    /// <summary>Where the largest raw array written with <see cref="WriteShared"/> lies; none if there is none.</summary>
    public ArrayPlacement LargestArray { get; private set; }

    public ArrayCompressor? Compressor => compressor;

    public int SegmentCount => _sealed.Count + (_tailLength > 0 ? 1 : 0);

    public ReadOnlyMemory<byte> this[int index] => index < _sealed.Count ? _sealed[index].Bytes : _tail.AsMemory(0, _tailLength);

    public void Advance(int count) => _tailLength += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Tail(sizeHint).AsMemory(_tailLength);

    public Span<byte> GetSpan(int sizeHint = 0) => Tail(sizeHint).AsSpan(_tailLength);

    public void WriteShared(ReadOnlyMemory<byte> bytes, ArrayElementKind arrayKind = ArrayElementKind.None)
    {
        if (bytes.IsEmpty) return;
        SealTail();
        if (arrayKind != ArrayElementKind.None && bytes.Length > LargestArray.Length && _sealedLength <= int.MaxValue)
            LargestArray = new ArrayPlacement((int)_sealedLength, bytes.Length, arrayKind);
        _sealed.Add((null, bytes));
        _sealedLength += bytes.Length;
    }

    private byte[] Tail(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_tail is not null && _tail.Length - _tailLength >= sizeHint) return _tail;
        SealTail();
        _tail = ArrayPool<byte>.Shared.Rent(Math.Max(segmentSize, sizeHint));
        return _tail;
    }

    private void SealTail()
    {
        if (_tail is null) return;
        if (_tailLength > 0)
        {
            _sealed.Add((_tail, _tail.AsMemory(0, _tailLength)));
            _sealedLength += _tailLength;
        }
        else
        {
            ArrayPool<byte>.Shared.Return(_tail);
        }
        _tail = null;
        _tailLength = 0;
    }

    public void CopyTo(IBufferWriter<byte> output)
    {
        foreach (var (_, bytes) in _sealed) output.Write(bytes.Span);
        if (_tailLength > 0) output.Write(_tail.AsSpan(0, _tailLength));
    }

    public void Reset()
    {
        foreach (var (pooled, _) in _sealed)
        {
            if (pooled is null) continue;
            if (_tail is null) _tail = pooled;
            else ArrayPool<byte>.Shared.Return(pooled);
        }
        _sealed.Clear();
        _sealedLength = 0;
        _tailLength = 0;
        LargestArray = default;
    }

    public void Dispose()
    {
        Reset();
        if (_tail is not null) ArrayPool<byte>.Shared.Return(_tail);
        _tail = null;
    }
}
