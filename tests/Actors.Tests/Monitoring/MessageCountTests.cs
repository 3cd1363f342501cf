using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

public sealed class MessageCountTests() : ActorMetricsTestKit(timingSampleInterval: 1)
{
    [Fact]
    public void Every_message_is_counted_exactly()
    {
        const int messages = 10_000;
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        using var reader = new MeterReader(Metrics.Meter);

        for (var i = 0; i < messages; i++) echo.Tell(new Work(i));
        echo.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        // The ping is counted before it is processed, so it is in the count by the time its answer arrives.
        Assert.Equal(messages + 1, Figures("/user/echo").Processed);
        Assert.Equal(messages + 1, reader.Observe(ActorMetricNames.MessagesProcessed, "/user/echo"));
    }

    [Fact]
    public void With_every_message_timed_the_histogram_holds_one_record_per_message()
    {
        const int messages = 100;
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "timed");
        using var reader = new MeterReader(Metrics.Meter);

        for (var i = 0; i < messages; i++) echo.Tell(new Work(i));
        echo.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        var figures = Figures("/user/timed");
        var time = figures.ProcessingTime;
        Assert.Equal(messages + 1, time.Timed);
        Assert.InRange(time.MeanMicroseconds, 0, time.MaxMicroseconds);
        Assert.InRange(time.P50Microseconds, double.Epsilon, time.P99Microseconds);
        Assert.InRange(time.P99Microseconds, time.P50Microseconds, time.MaxMicroseconds);
        // The ping's record is written after its answer is sent: wait for it, not for a time.
        AwaitAssert(() => Assert.Equal(messages + 1,
            reader.Recorded().Count(m => m.Instrument == ActorMetricNames.ProcessingTime && m.Label("actor_path") == "/user/timed")));
        Assert.All(reader.Recorded(), m => Assert.True(m.Value >= 0));
    }
}

public sealed class SampledTimingTests() : ActorMetricsTestKit(timingSampleInterval: 64)
{
    [Fact]
    public void Every_message_is_counted_but_one_in_the_interval_is_timed()
    {
        const int messages = 64 * 10;
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "sampled");

        for (var i = 0; i < messages - 1; i++) echo.Tell(new Work(i));
        echo.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        var figures = Figures("/user/sampled");
        Assert.Equal(messages, figures.Processed);
        Assert.Equal(messages / 64, figures.ProcessingTime.Timed);
    }
}
