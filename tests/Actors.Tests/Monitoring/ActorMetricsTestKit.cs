using A3C.Actors.Monitoring;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.TestKit.Xunit2;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>
/// A test kit whose actor system carries metrics labels of its own: a run name no other test
/// uses, so series read from process-wide listeners belong to this test alone.
/// </summary>
public abstract class ActorMetricsTestKit(int timingSampleInterval = ActorMetricsSetup.DefaultTimingSampleInterval)
    : TestKit(CreateSetup(timingSampleInterval))
{
    public const string Environment = "CartPole-v1";
    public const string Mode = "local";

    protected ActorMetrics Metrics => ActorMetrics.Get(Sys);

    protected string Run => Metrics.Labels.Run;

    /// <summary>The figures of the live actor at <paramref name="path"/>; fails the test if it has none.</summary>
    protected ActorMetricsSnapshot Figures(string path) =>
        Metrics.Find(path) ?? throw new Xunit.Sdk.XunitException($"no metrics for {path}");

    /// <summary>A <see cref="ChildKeeper"/> at <c>/user/keeper</c>, of a <see cref="FaultyActor"/> unless told otherwise.</summary>
    protected IActorRef Keeper(Directive onFailure, Props? child = null)
    {
        var childProps = child ?? Props.Create(() => new FaultyActor(TestActor));
        return Sys.ActorOf(Props.Create(() => new ChildKeeper(onFailure, childProps, TestActor)), "keeper");
    }

    /// <summary>
    /// Asks a <see cref="ChildKeeper"/> for its child and waits for both the answer and the
    /// child's start, which come from two actors in either order.
    /// </summary>
    protected IActorRef StartChild(IActorRef keeper)
    {
        keeper.Tell(new StartChild(), TestActor);
        var answers = ReceiveN(2);
        Assert.Single(answers.OfType<Started>());
        return Assert.Single(answers.OfType<ChildStarted>()).Child;
    }

    private static ActorSystemSetup CreateSetup(int timingSampleInterval) =>
        // A long default wait: the machine is shared, and no assertion depends on how long anything takes.
        ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(ConfigurationFactory.ParseString("akka.test.single-expect-default = 20s")),
            new ActorMetricsSetup(new ActorMetricsLabels($"run-{Guid.NewGuid():N}", Environment, Mode), timingSampleInterval));
}
