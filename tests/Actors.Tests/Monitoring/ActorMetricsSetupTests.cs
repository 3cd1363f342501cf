using A3C.Actors.Monitoring;

namespace A3C.Actors.Tests.Monitoring;

public sealed class ActorMetricsSetupTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    [InlineData(48)]
    public void A_timing_sample_interval_that_is_no_power_of_two_is_refused(int interval)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ActorMetricsSetup(new ActorMetricsLabels("r", "e", "m"), interval));
        Assert.Contains("power of two", error.Message);
    }

    [Fact]
    public void The_default_times_one_message_in_64()
    {
        Assert.Equal(64, new ActorMetricsSetup(new ActorMetricsLabels("r", "e", "m")).TimingSampleInterval);
    }
}
