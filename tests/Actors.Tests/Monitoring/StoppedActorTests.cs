using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

public sealed class StoppedActorTests : ActorMetricsTestKit
{
    [Fact]
    public void The_series_of_a_stopped_actor_disappear()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "short-lived");
        echo.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();
        using var reader = new MeterReader(Metrics.Meter);
        Assert.Contains(reader.Observe(), m => m.Label("actor_path") == "/user/short-lived");

        Watch(echo);
        echo.Tell(PoisonPill.Instance);
        ExpectTerminated(echo);

        Assert.DoesNotContain(reader.Observe(), m => m.Label("actor_path") == "/user/short-lived");
        Assert.Null(Metrics.Find("/user/short-lived"));
        Assert.DoesNotContain(Metrics.Snapshot(), a => a.Path == "/user/short-lived");
    }

    [Fact]
    public void Actors_that_are_not_instrumented_have_no_series()
    {
        var plain = Sys.ActorOf(Props.Create(() => new PlainActor()), "plain");
        plain.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        Assert.Empty(Metrics.Snapshot());
    }

    private sealed class PlainActor : ReceiveActor
    {
        public PlainActor() => Receive<Ping>(_ => Sender.Tell(new Pong()));
    }
}
