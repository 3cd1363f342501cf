using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>
/// Supervises one child named "child" with a fixed directive for its failures, creates it again
/// when asked, and tells the observer when it terminated (by then its name is free).
/// </summary>
public sealed class ChildKeeper : ReceiveActor
{
    public const string ChildName = "child";

    private readonly Directive _onFailure;

    public ChildKeeper(Directive onFailure, Props childProps, IActorRef observer)
    {
        _onFailure = onFailure;
        Receive<StartChild>(_ =>
        {
            var child = Context.ActorOf(childProps, ChildName);
            Context.Watch(child);
            Sender.Tell(new ChildStarted(child));
        });
        Receive<Terminated>(terminated => observer.Tell(new ChildStopped(terminated.ActorRef)));
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(maxNrOfRetries: -1, withinTimeRange: Timeout.InfiniteTimeSpan, localOnlyDecider: _ => _onFailure);
}
