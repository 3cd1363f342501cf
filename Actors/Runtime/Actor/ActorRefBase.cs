namespace A3C.Actors.Runtime;

/// <summary>
/// The base of every ref the runtime hands out. Besides user messages a ref accepts
/// <see cref="SystemMessage"/>s (watch, stop, supervision), which a transport for remote refs
/// carries as well. Two refs are equal when their paths and incarnations (<see cref="Uid"/>) are:
/// an actor re-created under the same name is a different actor.
/// </summary>
public abstract class ActorRefBase : IActorRef
{
    public abstract ActorPath Path { get; }

    /// <summary>Tells incarnations under one path apart; 0 where there is only ever one.</summary>
    public virtual long Uid => 0;

    /// <summary>True once the actor behind this ref is known to be gone.</summary>
    public virtual bool IsTerminated => false;

    public abstract void Tell(object message, IActorRef? sender);

    public abstract void SendSystemMessage(SystemMessage message);

    public bool Equals(IActorRef? other) =>
        other is not null && Path.Equals(other.Path) && Uid == ((other as ActorRefBase)?.Uid ?? 0);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => Uid == 0 ? $"Actor[{Path}]" : $"Actor[{Path}#{Uid}]";
}
