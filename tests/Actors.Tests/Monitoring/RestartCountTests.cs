using A3C.Actors.Monitoring;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Pattern;

namespace A3C.Actors.Tests.Monitoring;

public sealed class RestartCountTests : ActorMetricsTestKit
{
    [Fact]
    public void Each_restart_by_a_one_for_one_strategy_is_counted()
    {
        const string path = "/user/keeper/child";
        var keeper = Keeper(Directive.Restart);
        var child = StartChild(keeper);
        using var reader = new MeterReader(Metrics.Meter);

        for (var i = 0; i < 3; i++)
        {
            child.Tell(new Fail());
            ExpectMsg<Started>(); // the fresh instance has started
        }
        child.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        var figures = Figures(path);
        Assert.Equal(3, figures.Restarts);
        Assert.Equal(3, figures.Failures);
        Assert.Equal(4, figures.Processed);
        Assert.Equal("/user/keeper", figures.ParentPath);
        Assert.Equal(3, reader.Observe(ActorMetricNames.Restarts, path));
        Assert.Equal(3, reader.Observe(ActorMetricNames.Failures, path));
    }

    [Fact]
    public void Each_restart_by_a_backoff_supervisor_is_counted_and_the_counters_go_on()
    {
        // A backoff supervisor stops the failed child and starts a new one of the same name.
        const string path = "/user/backoff/worker";
        var options = Backoff.OnFailure(Props.Create(() => new FaultyActor(TestActor)), "worker",
            minBackoff: TimeSpan.FromMilliseconds(1), maxBackoff: TimeSpan.FromMilliseconds(10), randomFactor: 0, maxNrOfRetries: -1);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options), "backoff");
        ExpectMsg<Started>();
        using var reader = new MeterReader(Metrics.Meter);

        for (var i = 0; i < 3; i++)
        {
            supervisor.Tell(new Fail()); // forwarded to the child
            ExpectMsg<Started>(); // the next child has started
        }
        supervisor.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        var figures = Figures(path);
        Assert.Equal(3, figures.Restarts);
        Assert.Equal(3, figures.Failures);
        Assert.Equal(4, figures.Processed);
        Assert.Equal(3, reader.Observe(ActorMetricNames.Restarts, path));
        Assert.Equal(4, reader.Observe(ActorMetricNames.MessagesProcessed, path));
    }

    [Fact]
    public void A_new_child_of_the_same_name_after_a_stop_caused_by_a_failure_is_a_restart()
    {
        const string path = "/user/keeper/child";
        var keeper = Keeper(Directive.Stop);
        var child = StartChild(keeper);

        child.Tell(new Work(1));
        child.Tell(new Fail());
        ExpectMsg<ChildStopped>();
        Assert.Null(Metrics.Find(path)); // gone while no incarnation runs

        StartChild(keeper);

        var figures = Figures(path);
        Assert.Equal(1, figures.Restarts);
        Assert.Equal(1, figures.Failures);
        Assert.Equal(2, figures.Processed);
    }

    [Fact]
    public void A_failure_in_pre_start_is_a_failure_and_the_restart_after_it_is_counted()
    {
        var attempts = new StrongBox<int>(); // shared by the incarnations: only the first fails
        var keeper = Keeper(Directive.Restart, Props.Create(() => new FailingStartActor(TestActor, attempts)));
        StartChild(keeper); // its start is the second incarnation's

        var figures = Figures("/user/keeper/child");
        Assert.Equal(1, figures.Failures);
        Assert.Equal(1, figures.Restarts);
        Assert.Equal(0, figures.Processed);
    }

    [Fact]
    public void An_actor_stopped_because_its_pre_start_failed_leaves_no_series_behind()
    {
        // The user guardian stops an actor that fails to start, and Akka calls no AroundPostStop on it.
        var attempts = new StrongBox<int>();
        var actor = Sys.ActorOf(Props.Create(() => new FailingStartActor(TestActor, attempts)), "never-started");
        Watch(actor);
        ExpectTerminated(actor);

        Assert.Null(Metrics.Find("/user/never-started"));
        Assert.Empty(Metrics.Snapshot());
    }

    [Fact]
    public void A_child_that_stops_itself_and_is_started_again_by_a_backoff_supervisor_is_no_restart()
    {
        // Backoff on stop restarts a child that stopped normally: no failure, so a new actor, not a restart.
        const string path = "/user/on-stop/worker";
        var options = Backoff.OnStop(Props.Create(() => new SelfStoppingActor(TestActor)), "worker",
            minBackoff: TimeSpan.FromMilliseconds(1), maxBackoff: TimeSpan.FromMilliseconds(10), randomFactor: 0, maxNrOfRetries: -1);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options), "on-stop");
        ExpectMsg<Started>();

        supervisor.Tell(new Work(1));
        ExpectMsg<Started>();

        var figures = Figures(path);
        Assert.Equal(0, figures.Restarts);
        Assert.Equal(0, figures.Processed);
    }
}
