using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

public sealed record Add(int Amount);

public sealed record GetCount;

public sealed record Boom(string Reason = "boom");

/// <summary>What a <see cref="CounterActor"/> with someone to tell says each time an instance of it starts.</summary>
public sealed record Started(string Name);

/// <summary>
/// Counts <see cref="Add"/>s, replies to <see cref="GetCount"/>, throws on <see cref="Boom"/>; tells
/// <c>announceTo</c>, if given, when a new instance starts (first and after each restart).
/// </summary>
public sealed class CounterActor : ReceiveActor
{
    private int _count;

    public CounterActor() : this(null)
    {
    }

    public CounterActor(IActorRef? announceTo)
    {
        announceTo?.Tell(new Started(Self.Path.Name), null);
        Receive<Add>(add => _count += add.Amount);
        Receive<GetCount>(_ => Sender.Tell(_count, Self));
        Receive<Boom>(boom => throw new InvalidOperationException(boom.Reason));
    }
}

/// <summary>Creates one child and forwards everything to it; tells the probe the child's ref first.</summary>
public sealed class ParentActor : ReceiveActor
{
    public ParentActor(Props childProps, IActorRef probe, string childName = "child")
    {
        var child = Context.ActorOf(childProps, childName);
        probe.Tell(child, Self);
        ReceiveAny(message => child.Forward(message));
    }
}

/// <summary>Reports every lifecycle hook to the probe as a string.</summary>
public sealed class HookRecorder : ReceiveActor
{
    private readonly IActorRef _probe;

    public HookRecorder(IActorRef probe)
    {
        _probe = probe;
        _probe.Tell("ctor", null);
        Receive<Boom>(boom => throw new InvalidOperationException(boom.Reason));
        Receive<string>(text => Sender.Tell(text, Self));
    }

    protected override void PreStart() => _probe.Tell("preStart", null);

    protected override void PostStop() => _probe.Tell("postStop", null);

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"preRestart:{reason.Message}:{message}", null);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"postRestart:{reason.Message}", null);
        base.PostRestart(reason);
    }
}
