namespace A3C.Actors.Remote.FailureDetection;

/// <summary>
/// Hayashibara et al.'s phi accrual failure detector, as in Akka: instead of a yes/no timeout it
/// reports phi = -log10(P(a heartbeat arrives later than now)), estimated from a normal
/// distribution fitted to recent heartbeat intervals. A peer is unavailable once phi exceeds the
/// threshold. The acceptable pause widens the expected interval so one GC pause is not a death.
/// Not thread-safe: one owner calls it.
/// </summary>
public sealed class PhiAccrualFailureDetector
{
    private readonly TimeProvider _clock;
    private readonly double _threshold;
    private readonly double _minStdDeviationMs;
    private readonly double _acceptablePauseMs;
    private readonly HeartbeatHistory _history;
    private long? _lastHeartbeat;

    public PhiAccrualFailureDetector(
        TimeProvider clock, double threshold, int maxSampleSize, TimeSpan minStdDeviation, TimeSpan acceptableHeartbeatPause,
        TimeSpan firstHeartbeatEstimate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSampleSize);
        _clock = clock;
        _threshold = threshold;
        _minStdDeviationMs = minStdDeviation.TotalMilliseconds;
        _acceptablePauseMs = acceptableHeartbeatPause.TotalMilliseconds;
        // Seed with a guess so phi is meaningful from the second heartbeat on (Akka does the same).
        var mean = firstHeartbeatEstimate.TotalMilliseconds;
        var deviation = mean / 4;
        _history = new HeartbeatHistory(maxSampleSize);
        _history.Add(mean - deviation);
        _history.Add(mean + deviation);
    }

    public static PhiAccrualFailureDetector From(RemoteSettings settings, TimeProvider clock) =>
        new(clock, settings.FailureDetectorThreshold, settings.HeartbeatHistorySize, settings.MinStdDeviation,
            settings.AcceptablePause, settings.HeartbeatInterval);

    /// <summary>True until the first heartbeat, then while phi stays below the threshold.</summary>
    public bool IsAvailable => Phi() < _threshold;

    /// <summary>True once at least one heartbeat has arrived.</summary>
    public bool IsMonitoring => _lastHeartbeat is not null;

    public void HeartBeat()
    {
        var now = _clock.GetTimestamp();
        if (_lastHeartbeat is { } last) _history.Add(ElapsedMs(last, now));
        _lastHeartbeat = now;
    }

    public double Phi()
    {
        if (_lastHeartbeat is not { } last) return 0;
        var sinceLast = ElapsedMs(last, _clock.GetTimestamp());
        var mean = _history.Mean + _acceptablePauseMs;
        var deviation = Math.Max(_history.StdDeviation, _minStdDeviationMs);
        return Phi(sinceLast, mean, deviation);
    }

    /// <summary>
    /// -log10 of the normal tail beyond <paramref name="sinceLastMs"/>, with the logistic
    /// approximation of the cumulative distribution Akka uses (stable far into the tail).
    /// </summary>
    internal static double Phi(double sinceLastMs, double meanMs, double stdDeviationMs)
    {
        var y = (sinceLastMs - meanMs) / stdDeviationMs;
        var e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        return sinceLastMs > meanMs ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - 1.0 / (1.0 + e));
    }

    private double ElapsedMs(long from, long to) => _clock.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>A sliding window of intervals with running sums, so mean and variance are O(1).</summary>
    private sealed class HeartbeatHistory(int maxSampleSize)
    {
        private readonly Queue<double> _intervals = new();
        private double _sum;
        private double _squaredSum;

        public double Mean => _sum / _intervals.Count;

        public double StdDeviation => Math.Sqrt(Math.Max(0, _squaredSum / _intervals.Count - Mean * Mean));

        public void Add(double interval)
        {
            if (_intervals.Count == maxSampleSize)
            {
                var dropped = _intervals.Dequeue();
                _sum -= dropped;
                _squaredSum -= dropped * dropped;
            }
            _intervals.Enqueue(interval);
            _sum += interval;
            _squaredSum += interval * interval;
        }
    }
}
