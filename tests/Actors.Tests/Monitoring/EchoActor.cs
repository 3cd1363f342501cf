using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>Does nothing with <see cref="Work"/>, answers <see cref="Ping"/>.</summary>
public sealed class EchoActor : InstrumentedReceiveActor
{
    public EchoActor()
    {
        Receive<Work>(_ => { });
        Receive<Ping>(_ => Sender.Tell(new Pong()));
    }
}
