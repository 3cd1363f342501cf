using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

public sealed class DeadLetterCountTests : ActorMetricsTestKit
{
    [Fact]
    public void Messages_to_a_stopped_actor_are_counted_as_the_systems_dead_letters()
    {
        var metrics = Metrics; // started before the letters, as a system with instrumented actors has it
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "gone");
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        using var reader = new MeterReader(metrics.Meter);

        for (var i = 0; i < 3; i++) echo.Tell(new Work(i));

        // The counter reads Akka's event stream: wait for the count, not for a time.
        AwaitAssert(() => Assert.Equal(3, metrics.DeadLetters));
        var published = Assert.Single(reader.Observe(), m => m.Instrument == ActorMetricNames.DeadLetters);
        Assert.Equal(3, published.Value);
        Assert.Equal(Run, published.Label("run"));
        Assert.Equal(Sys.Name, published.Label("system"));
    }
}
