using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>Stops itself, without a failure, on <see cref="Work"/>; tells the observer each time it starts.</summary>
public sealed class SelfStoppingActor : InstrumentedReceiveActor
{
    private readonly IActorRef _observer;

    public SelfStoppingActor(IActorRef observer)
    {
        _observer = observer;
        Receive<Work>(_ => Context.Stop(Self));
    }

    protected override void PreStart() => _observer.Tell(new Started(Self));
}
