using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>Throws on <see cref="Fail"/>; tells the observer each time an incarnation starts.</summary>
public sealed class FaultyActor : InstrumentedReceiveActor
{
    private readonly IActorRef _observer;

    public FaultyActor(IActorRef observer)
    {
        _observer = observer;
        Receive<Fail>(_ => throw new InjectedFault());
        Receive<Work>(_ => { });
        Receive<Ping>(_ => Sender.Tell(new Pong()));
    }

    protected override void PreStart() => _observer.Tell(new Started(Self));
}
