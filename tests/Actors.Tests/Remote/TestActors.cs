using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Remote;

/// <summary>Replies with whatever it receives.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message));
}

/// <summary>Answers a <see cref="Relay"/> by telling the ref inside it.</summary>
public sealed class RelayActor : ReceiveActor
{
    public RelayActor() => Receive<Relay>(relay => relay.ReplyTo.Tell(new Ping(relay.Text.Length)));
}

/// <summary>Forwards everything to a local target, keeping the sender.</summary>
public sealed class ForwardActor : ReceiveActor
{
    public ForwardActor(IActorRef target) => ReceiveAny(message => target.Tell(message, Sender));
}

/// <summary>Counts numbered messages, checks they came in order, and reports after <c>expected</c>.</summary>
public sealed class SequenceChecker : ReceiveActor
{
    public SequenceChecker(int expected, IActorRef report)
    {
        var next = 0;
        var outOfOrder = 0;
        Receive<Numbered>(numbered =>
        {
            if (numbered.Sequence != next) outOfOrder++;
            next++;
            if (next == expected) report.Tell(new SequenceReport(next, outOfOrder));
        });
    }
}

public sealed record SequenceReport(int Received, int OutOfOrder);

public sealed record WatchIt(IActorRef Target);

/// <summary>
/// Watches what it is told to (and says so to the sender, once the watch is on its way) and reports
/// each <see cref="Terminated"/> to a local target.
/// </summary>
public sealed class Watcher : ReceiveActor
{
    public Watcher(IActorRef report)
    {
        Receive<WatchIt>(w =>
        {
            Context.Watch(w.Target);
            Sender.Tell("watching");
        });
        Receive<Terminated>(t => report.Tell(t));
    }
}
