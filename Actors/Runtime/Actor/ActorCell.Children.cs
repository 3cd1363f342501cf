namespace A3C.Actors.Runtime;

internal sealed partial class ActorCell
{
    // Children asked to stop whose ChildTerminated has not arrived yet; a restart or stop waits for them.
    private readonly HashSet<IActorRef> _stoppingChildren = [];

    public IEnumerable<IActorRef> Children => _children.Values;

    /// <summary>Live child cells, for selection and metrics (safe from any thread).</summary>
    public IEnumerable<ActorCell> ChildCells
    {
        get
        {
            foreach (var child in _children.Values) yield return child.Cell;
        }
    }

    public IActorRef? Child(string name) => _children.TryGetValue(name, out var child) ? child : null;

    internal ActorCell? ChildCell(string name) => _children.TryGetValue(name, out var child) ? child.Cell : null;

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = "$" + Interlocked.Increment(ref _nextChildName).ToString("x");
        else ValidateName(name);
        if (_state >= CellState.Terminating)
            throw new InvalidOperationException($"Cannot create child [{name}]: [{Path}] is stopping.");

        var mailbox = props.Mailbox ?? System.Settings.DefaultMailbox;
        var child = new ActorCell(System, props, Self, Path / name, mailbox, System.DispatcherOf(props.Dispatcher));
        if (!_children.TryAdd(name, child.Self))
            throw new InvalidActorNameException($"Actor name [{name}] is not unique under [{Path}]: a child with that name is still alive.");
        child.Start();
        return child.Self;
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new InvalidActorNameException("Actor name must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name [{name}] must not start with '$' (reserved for generated names).");
        foreach (var c in name)
        {
            if (c == '/' || c == '#' || c == '@' || c == ':' || char.IsWhiteSpace(c))
                throw new InvalidActorNameException($"Actor name [{name}] contains '{c}'; names may not contain '/', '#', '@', ':' or whitespace.");
        }
    }

    public void Stop(IActorRef actor)
    {
        if (actor is not ActorRefBase target) return;
        if (_children.TryGetValue(actor.Path.Name, out var child) && child.Equals(actor)) _stoppingChildren.Add(child);
        target.SendSystemMessage(new Terminate());
    }

    private void HandleChildTerminated(IActorRef child)
    {
        if (_children.TryGetValue(child.Path.Name, out var known) && known.Equals(child))
            _children.TryRemove(child.Path.Name, out _);
        _stoppingChildren.Remove(child);
        _childStats.Remove(child.Path.Name);

        if (_state == CellState.Terminating && _children.IsEmpty) FinishTerminate();
        else if (_state == CellState.Restarting && _stoppingChildren.Count == 0) FinishRecreate(_restartCause!);
    }
}
