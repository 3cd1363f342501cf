using A3C.Actors.Remote.FailureDetection;

namespace A3C.Actors.Tests.Remote;

public sealed class PhiAccrualFailureDetectorTests
{
    private readonly ManualClock _clock = new();

    private PhiAccrualFailureDetector Detector(double threshold = 8, TimeSpan? acceptablePause = null) =>
        new(_clock, threshold, maxSampleSize: 1000, minStdDeviation: TimeSpan.FromMilliseconds(100),
            acceptableHeartbeatPause: acceptablePause ?? TimeSpan.FromSeconds(3), firstHeartbeatEstimate: TimeSpan.FromSeconds(1));

    [Fact]
    public void Is_available_and_not_monitoring_before_the_first_heartbeat()
    {
        var detector = Detector();
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.True(detector.IsAvailable);
        Assert.False(detector.IsMonitoring);
        Assert.Equal(0, detector.Phi());
    }

    [Fact]
    public void Regular_heartbeats_keep_the_peer_available()
    {
        var detector = Detector();
        for (var i = 0; i < 20; i++)
        {
            detector.HeartBeat();
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(detector.IsAvailable, $"unavailable after heartbeat {i}");
        }
    }

    [Fact]
    public void Phi_grows_with_silence_and_crosses_the_threshold()
    {
        var detector = Detector();
        for (var i = 0; i < 10; i++)
        {
            detector.HeartBeat();
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var previous = detector.Phi();
        for (var second = 2; second <= 10; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            var phi = detector.Phi();
            Assert.True(phi >= previous, $"phi fell from {previous} to {phi} after {second} s of silence");
            previous = phi;
        }
        Assert.False(detector.IsAvailable);
        Assert.True(detector.Phi() > 8);
    }

    [Fact]
    public void The_acceptable_pause_tolerates_a_gap_that_would_otherwise_be_fatal()
    {
        var strict = Detector(acceptablePause: TimeSpan.Zero);
        var tolerant = Detector(acceptablePause: TimeSpan.FromSeconds(3));
        for (var i = 0; i < 10; i++)
        {
            strict.HeartBeat();
            tolerant.HeartBeat();
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        _clock.Advance(TimeSpan.FromSeconds(2)); // 3 s since the last heartbeat

        Assert.False(strict.IsAvailable);
        Assert.True(tolerant.IsAvailable);
    }

    [Fact]
    public void A_heartbeat_after_a_gap_makes_the_peer_available_again()
    {
        var detector = Detector();
        detector.HeartBeat();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(detector.IsAvailable);

        detector.HeartBeat();

        Assert.True(detector.IsAvailable);
    }

    [Theory]
    [InlineData(1000, 1000, 100)]
    [InlineData(0, 1000, 100)]
    [InlineData(2500, 1000, 500)]
    public void Phi_matches_the_normal_tail_it_approximates(double sinceLast, double mean, double deviation)
    {
        // Reference: -log10 of the exact normal tail probability (erfc), within the approximation's error.
        var exactTail = 0.5 * Erfc((sinceLast - mean) / (deviation * Math.Sqrt(2)));
        var expected = -Math.Log10(exactTail);

        Assert.InRange(PhiAccrualFailureDetector.Phi(sinceLast, mean, deviation), expected - 0.1, expected + 0.1);
    }

    private static double Erfc(double x)
    {
        // Abramowitz and Stegun 7.1.26, enough for a test reference.
        var t = 1 / (1 + 0.3275911 * Math.Abs(x));
        var y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.Exp(-x * x);
        return x >= 0 ? y : 2 - y;
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
