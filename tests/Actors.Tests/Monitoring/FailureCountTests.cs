using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

public sealed class FailureCountTests : ActorMetricsTestKit
{
    private const string ChildPath = "/user/keeper/child";

    [Fact]
    public void Exceptions_thrown_by_receive_are_failures_also_when_the_actor_resumes()
    {
        var keeper = Keeper(Directive.Resume);
        var child = StartChild(keeper);
        using var reader = new MeterReader(Metrics.Meter);

        child.Tell(new Fail());
        child.Tell(new Fail());
        child.Tell(new Fail());
        child.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        var figures = Figures(ChildPath);
        Assert.Equal(3, figures.Failures);
        Assert.Equal(0, figures.Restarts);
        Assert.Equal(4, figures.Processed);
        Assert.Equal(3, reader.Observe(ActorMetricNames.Failures, ChildPath));
        ExpectNoMsg(TimeSpan.Zero); // resumed, not restarted: no second start
    }

    [Fact]
    public void A_normal_stop_after_a_resumed_failure_and_a_new_child_of_the_same_name_is_no_restart()
    {
        var keeper = Keeper(Directive.Resume);
        var child = StartChild(keeper);

        child.Tell(new Fail());
        child.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();
        child.Tell(PoisonPill.Instance);
        ExpectMsg<ChildStopped>();
        Assert.Null(Metrics.Find(ChildPath));

        StartChild(keeper);

        var figures = Figures(ChildPath);
        Assert.Equal(0, figures.Restarts);
        Assert.Equal(0, figures.Failures); // a new actor, new series
        Assert.Equal(0, figures.Processed);
    }
}
