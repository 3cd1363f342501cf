using Akka.Actor;

namespace A3C.Actors.Tests.Akka;

public sealed record Add(int Amount);

public sealed record GetCount;

/// <summary>What a <see cref="CounterActor"/> with someone to tell says each time an instance of it starts.</summary>
public sealed record Started(string Name);

/// <summary>
/// Counts <see cref="Add"/>s, replies to <see cref="GetCount"/>, throws on <see cref="Boom"/>; tells
/// <c>announceTo</c>, if given, when a new instance starts (first and after each restart), so a
/// test can tell a restarted instance from a resumed one.
/// </summary>
public sealed class CounterActor : ReceiveActor
{
    private int _count;

    public CounterActor() : this(null)
    {
    }

    public CounterActor(IActorRef? announceTo)
    {
        announceTo?.Tell(new Started(Self.Path.Name), Self);
        Receive<Add>(add => _count += add.Amount);
        Receive<GetCount>(_ => Sender.Tell(_count, Self));
        Receive<Boom>(boom => throw new InvalidOperationException(boom.Reason));
    }
}
