using System.Buffers;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// A buffer writer over pooled segments of about the chunk size, so a message of any size is
/// encoded once without regrowing and copying, and a large one can then be sent segment by
/// segment as chunks. <see cref="Reset"/> keeps the first segment for the next small message.
/// </summary>
internal sealed class SegmentedBuffer(int segmentSize) : IBufferWriter<byte>, IDisposable
{
    private readonly List<byte[]> _segments = [];
    private readonly List<int> _lengths = [];

    public long Length { get; private set; }

    public int SegmentCount => _lengths.Count;

    public ReadOnlyMemory<byte> Segment(int index) => _segments[index].AsMemory(0, _lengths[index]);

    public void Advance(int count)
    {
        _lengths[^1] += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Current(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Current(sizeHint).Span;

    private Memory<byte> Current(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_segments.Count == 0 || _segments[^1].Length - _lengths[^1] < sizeHint)
        {
            _segments.Add(ArrayPool<byte>.Shared.Rent(Math.Max(segmentSize, sizeHint)));
            _lengths.Add(0);
        }
        return _segments[^1].AsMemory(_lengths[^1]);
    }

    public void CopyTo(IBufferWriter<byte> output)
    {
        for (var i = 0; i < _segments.Count; i++) output.Write(Segment(i).Span);
    }

    public void Reset()
    {
        for (var i = 1; i < _segments.Count; i++) ArrayPool<byte>.Shared.Return(_segments[i]);
        if (_segments.Count > 1)
        {
            _segments.RemoveRange(1, _segments.Count - 1);
            _lengths.RemoveRange(1, _lengths.Count - 1);
        }
        if (_lengths.Count == 1) _lengths[0] = 0;
        Length = 0;
    }

    public void Dispose()
    {
        foreach (var segment in _segments) ArrayPool<byte>.Shared.Return(segment);
        _segments.Clear();
        _lengths.Clear();
        Length = 0;
    }
}
