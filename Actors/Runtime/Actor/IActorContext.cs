using A3C.Actors.Runtime.Event;

namespace A3C.Actors.Runtime;

/// <summary>A behavior: returns false when it does not handle the message.</summary>
public delegate bool Receive(object message);

/// <summary>What an actor can see and do about itself, its family and its system.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>Sender of the message being processed; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    IEnumerable<IActorRef> Children { get; }

    ActorSystem System { get; }

    Props Props { get; }

    IActorRef? Child(string name);

    /// <summary>Creates a child; <paramref name="name"/> must be unique among the living children.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child or this actor, asynchronously; queued user messages go to dead letters.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behavior.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behavior; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    ActorSelection ActorSelection(string path);

    ILoggingAdapter GetLogger();
}
