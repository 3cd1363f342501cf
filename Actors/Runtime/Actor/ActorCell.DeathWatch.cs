namespace A3C.Actors.Runtime;

internal sealed partial class ActorCell
{
    private readonly HashSet<IActorRef> _watching = [];
    private readonly HashSet<IActorRef> _watchedBy = [];
    // Terminated messages sent to ourselves and not yet processed; Unwatch removes the entry so
    // a late Terminated is dropped.
    private readonly HashSet<IActorRef> _terminatedQueued = [];

    public IActorRef Watch(IActorRef subject)
    {
        if (!subject.Equals(Self) && _watching.Add(subject))
            ((ActorRefBase)subject).SendSystemMessage(new Watch(subject, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (_watching.Remove(subject))
            ((ActorRefBase)subject).SendSystemMessage(new Unwatch(subject, Self));
        _terminatedQueued.Remove(subject);
        return subject;
    }

    private void AddWatcher(Watch watch)
    {
        if (watch.Watchee.Equals(Self) && !watch.Watcher.Equals(Self)) _watchedBy.Add(watch.Watcher);
    }

    private void RemoveWatcher(Unwatch unwatch)
    {
        if (unwatch.Watchee.Equals(Self)) _watchedBy.Remove(unwatch.Watcher);
    }

    /// <summary>A watched actor died (or its node was lost: not confirmed): queue one <see cref="Terminated"/> behind the messages it sent before dying.</summary>
    private void WatchedActorTerminated(IActorRef actor, bool existenceConfirmed)
    {
        if (!_watching.Remove(actor) || _state >= CellState.Terminating) return;
        _terminatedQueued.Add(actor);
        Self.Tell(new Terminated(actor, existenceConfirmed), actor);
    }

    private void TellWatchersWeDied()
    {
        foreach (var watcher in _watchedBy)
            ((ActorRefBase)watcher).SendSystemMessage(new DeathWatchNotification(Self, ExistenceConfirmed: true));
        _watchedBy.Clear();
    }

    private void UnwatchWatchedActors()
    {
        foreach (var watchee in _watching)
            ((ActorRefBase)watchee).SendSystemMessage(new Unwatch(watchee, Self));
        _watching.Clear();
        _terminatedQueued.Clear();
    }
}
