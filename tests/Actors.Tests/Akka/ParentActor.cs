using Akka.Actor;

namespace A3C.Actors.Tests.Akka;

/// <summary>
/// Creates one child and forwards everything to it; tells <c>probe</c> the child's ref first, so
/// the test learns each new child (also the one a restarted parent makes).
/// </summary>
public sealed class ParentActor : ReceiveActor
{
    public ParentActor(Props childProps, IActorRef probe, string childName = "child")
    {
        var child = Context.ActorOf(childProps, childName);
        probe.Tell(child, Self);
        ReceiveAny(message => child.Forward(message));
    }
}
