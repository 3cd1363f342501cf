namespace A3C.Actors.Runtime;

/// <summary>
/// The base of every actor. An instance is created by the runtime from <see cref="Props"/> (never
/// with <c>new</c> by hand), processes one message at a time, and is replaced by a fresh instance
/// when its supervisor restarts it. Hooks run in Akka's order: PreStart; on restart
/// PreRestart (old instance) then PostRestart (new instance); PostStop last.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new InvalidOperationException(
                $"{GetType().Name} was created with 'new'. Actors are created by the runtime: use ActorOf(Props.Create<{GetType().Name}>()).");
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    protected IActorRef Sender => _cell.Sender;

    /// <summary>The behavior the actor starts with.</summary>
    protected internal abstract bool Receive(object message);

    protected internal virtual void PreStart()
    {
    }

    protected internal virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance. By default stops all children, then calls <see cref="PostStop"/>.</summary>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the fresh instance. By default calls <see cref="PreStart"/>.</summary>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// Called for a message no behavior handled. An unhandled <see cref="Terminated"/> raises
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected internal virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, _cell.Self));
    }

    /// <summary>How this actor supervises its children; <see cref="Props.SupervisorStrategy"/> wins when set.</summary>
    protected internal virtual Supervision.SupervisorStrategy SupervisorStrategy() =>
        Supervision.SupervisorStrategy.Default;

    protected void Become(Receive receive) => Context.Become(receive);

    /// <summary>Called once the constructor has finished.</summary>
    internal virtual void OnConstructed()
    {
    }
}
