using System.Buffers;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// A buffer writer over pooled segments of about the chunk size, so a message of any size is
/// encoded once without regrowing and copying, and a large one can then be sent segment by
/// segment as chunks. Bulk arrays are not copied in at all: <see cref="WriteShared"/> keeps a
/// reference to the caller's bytes as a segment of their own. <see cref="Reset"/> keeps the first
/// pooled segment for the next small message.
/// </summary>
internal sealed class SegmentedBuffer(int segmentSize) : IBufferWriter<byte>, ISharedBytesWriter, IDisposable
{
    private readonly List<Segment> _segments = [];

    public long Length { get; private set; }

    public int SegmentCount => _segments.Count;

    public ReadOnlyMemory<byte> this[int index] => _segments[index].Written;

    public void Advance(int count)
    {
        var last = _segments[^1];
        _segments[^1] = last with { Written = last.Pooled!.AsMemory(0, last.Written.Length + count) };
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Current(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Current(sizeHint).Span;

    public void WriteShared(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        _segments.Add(new Segment(null, bytes));
        Length += bytes.Length;
    }

    private Memory<byte> Current(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_segments.Count == 0 || _segments[^1].Pooled is not { } last || last.Length - _segments[^1].Written.Length < sizeHint)
        {
            var pooled = ArrayPool<byte>.Shared.Rent(Math.Max(segmentSize, sizeHint));
            _segments.Add(new Segment(pooled, pooled.AsMemory(0, 0)));
            return pooled;
        }
        return last.AsMemory(_segments[^1].Written.Length);
    }

    public void CopyTo(IBufferWriter<byte> output)
    {
        foreach (var segment in _segments) output.Write(segment.Written.Span);
    }

    public void Reset()
    {
        var keep = _segments.Count > 0 && _segments[0].Pooled is { } first ? first : null;
        for (var i = keep is null ? 0 : 1; i < _segments.Count; i++)
            if (_segments[i].Pooled is { } pooled) ArrayPool<byte>.Shared.Return(pooled);
        _segments.Clear();
        if (keep is not null) _segments.Add(new Segment(keep, keep.AsMemory(0, 0)));
        Length = 0;
    }

    public void Dispose()
    {
        foreach (var segment in _segments)
            if (segment.Pooled is { } pooled) ArrayPool<byte>.Shared.Return(pooled);
        _segments.Clear();
        Length = 0;
    }

    /// <summary>Either a pooled array written from its start, or (Pooled null) bytes shared with the message.</summary>
    private readonly record struct Segment(byte[]? Pooled, ReadOnlyMemory<byte> Written);
}
