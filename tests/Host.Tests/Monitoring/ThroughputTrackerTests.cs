using A3C.Host.Monitoring;

namespace A3C.Host.Tests.Monitoring;

public sealed class ThroughputTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rate_is_messages_over_the_time_between_samples()
    {
        var tracker = new ThroughputTracker();

        Assert.Null(tracker.Observe("/user/a", 100, T0));
        Assert.Equal(250, tracker.Observe("/user/a", 600, T0.AddSeconds(2)));
    }

    [Fact]
    public void Samples_closer_than_the_window_reuse_the_last_rate()
    {
        var tracker = new ThroughputTracker();
        tracker.Observe("/user/a", 0, T0);
        tracker.Observe("/user/a", 100, T0.AddSeconds(1));

        Assert.Equal(100, tracker.Observe("/user/a", 10_000, T0.AddSeconds(1.01)));
        // The baseline stayed at one second: the next full window measures from there.
        Assert.Equal(10_100 - 100, tracker.Observe("/user/a", 10_100, T0.AddSeconds(2)));
    }

    [Fact]
    public void A_counter_that_went_back_has_no_rate_and_forgotten_actors_start_over()
    {
        var tracker = new ThroughputTracker();
        tracker.Observe("/user/a", 500, T0);

        Assert.Null(tracker.Observe("/user/a", 3, T0.AddSeconds(1)));
        tracker.Retain(new HashSet<string>());
        Assert.Null(tracker.Observe("/user/a", 50, T0.AddSeconds(5)));
    }
}
