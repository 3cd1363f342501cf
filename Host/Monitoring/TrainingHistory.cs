using A3C.Actors.Training.Messages;

namespace A3C.Host.Monitoring;

/// <summary>
/// The last <see cref="Capacity"/> progress records, oldest first. Written from the event stream
/// (the learner's thread), read by HTTP requests; a lock keeps both sides simple, and neither
/// holds it for more than a copy.
/// </summary>
public sealed class TrainingHistory(int capacity)
{
    private readonly Lock _gate = new();
    private readonly TrainingProgress[] _ring = new TrainingProgress[capacity];
    private int _next;
    private int _count;

    public int Capacity => _ring.Length;

    public void Add(TrainingProgress progress)
    {
        lock (_gate)
        {
            _ring[_next] = progress;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
        }
    }

    public TrainingProgress? Latest
    {
        get
        {
            lock (_gate) return _count == 0 ? null : _ring[(_next - 1 + _ring.Length) % _ring.Length];
        }
    }

    public IReadOnlyList<TrainingProgress> Records()
    {
        lock (_gate)
        {
            var records = new TrainingProgress[_count];
            var first = (_next - _count + _ring.Length) % _ring.Length;
            for (var i = 0; i < _count; i++) records[i] = _ring[(first + i) % _ring.Length];
            return records;
        }
    }
}
