using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Host.Tests.Monitoring;

/// <summary>Answers every string with itself; creates the children it is told to at start.</summary>
public sealed class InstrumentedPingActor : InstrumentedReceiveActor
{
    private readonly string[] _children;

    public InstrumentedPingActor(params string[] children)
    {
        _children = children;
        Receive<string>(text => Sender.Tell(text));
    }

    protected override void PreStart()
    {
        foreach (var child in _children) Context.ActorOf(Props.Create(() => new InstrumentedPingActor()), child);
    }
}
