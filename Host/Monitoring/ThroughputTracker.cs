namespace A3C.Host.Monitoring;

/// <summary>
/// Messages per second per actor, from the processed counts of successive snapshots. A rate is
/// measured over at least <see cref="MinimumWindow"/>: scrapes closer together than that (the
/// dashboard and a Prometheus server polling at once) reuse the last rate instead of dividing a
/// few messages by a few milliseconds.
/// </summary>
public sealed class ThroughputTracker
{
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Sample> _samples = new(StringComparer.Ordinal);

    /// <summary>The actor's rate; null until two samples at least <see cref="MinimumWindow"/> apart exist.</summary>
    public double? Observe(string path, long processed, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_samples.TryGetValue(path, out var last))
            {
                _samples[path] = new Sample(at, processed, null);
                return null;
            }
            var elapsed = at - last.At;
            if (elapsed < MinimumWindow) return last.Rate;
            // A restarted system or a re-created actor at the same path starts counting from zero.
            var rate = processed >= last.Processed ? (processed - last.Processed) / elapsed.TotalSeconds : (double?)null;
            _samples[path] = new Sample(at, processed, rate);
            return rate;
        }
    }

    /// <summary>Forgets actors that are gone, so a long run with churning actors does not grow this.</summary>
    public void Retain(IReadOnlySet<string> livePaths)
    {
        lock (_gate)
        {
            foreach (var path in _samples.Keys.Where(p => !livePaths.Contains(p)).ToList()) _samples.Remove(path);
        }
    }

    private readonly record struct Sample(DateTimeOffset At, long Processed, double? Rate);
}
