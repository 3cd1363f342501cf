using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>An actor with a type argument, as the learner has one for its number type.</summary>
public sealed class GenericEchoActor<T> : InstrumentedReceiveActor
{
    public GenericEchoActor()
    {
        Receive<Ping>(_ => Sender.Tell(new Pong()));
    }
}
