using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>
/// Supervises one <see cref="FaultyActor"/> named "child" with a fixed directive for its
/// failures, creates it again when asked, and tells the observer when it terminated (by then
/// its name is free).
/// </summary>
public sealed class ChildKeeper : ReceiveActor
{
    public const string ChildName = "child";

    private readonly Directive _onFailure;

    public ChildKeeper(Directive onFailure, IActorRef observer)
    {
        _onFailure = onFailure;
        Receive<StartChild>(_ =>
        {
            var child = Context.ActorOf(Props.Create(() => new FaultyActor(observer)), ChildName);
            Context.Watch(child);
            Sender.Tell(new ChildStarted(child));
        });
        Receive<Terminated>(terminated => observer.Tell(new ChildStopped(terminated.ActorRef)));
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(maxNrOfRetries: -1, withinTimeRange: Timeout.InfiniteTimeSpan, localOnlyDecider: _ => _onFailure);
}
