namespace A3C.Actors.Runtime;

/// <summary>
/// Actors looked up by path when a message is sent: absolute (<c>/user/a/b</c> or
/// <c>a3c://sys/user/a/b</c>) or relative to an actor (<c>child</c>, <c>../sibling</c>).
/// A message to a path with no actor goes to dead letters.
/// </summary>
public sealed class ActorSelection
{
    private readonly ActorSystem _system;
    private readonly ActorRefBase _anchor;
    private readonly string _path;

    internal ActorSelection(ActorSystem system, ActorRefBase anchor, string path)
    {
        _system = system;
        _anchor = anchor;
        _path = path;
    }

    public override string ToString() => $"ActorSelection[{_path}]";

    public void Tell(object message, IActorRef? sender = null)
    {
        if (TryResolve(out var target, out _)) target!.Tell(message, sender);
        else _system.PublishDeadLetter(message, sender, _system.DeadLetters);
    }

    /// <summary>The actor now at this path; fails with <see cref="ActorNotFoundException"/> naming the path.</summary>
    public Task<IActorRef> ResolveOne() =>
        TryResolve(out var target, out var error)
            ? Task.FromResult(target!)
            : Task.FromException<IActorRef>(new ActorNotFoundException(error!));

    private bool TryResolve(out IActorRef? target, out string? error)
    {
        target = null;
        ActorCell? cell;
        string elements;
        if (_path.Contains("://", StringComparison.Ordinal))
        {
            if (!ActorPath.TryParse(_path, out var parsed, out error)) return false;
            if (parsed!.Address != _system.Address)
            {
                target = _system.ResolveRemotePath(parsed);
                error = target is null
                    ? $"No actor at [{_path}]: its address is not this system's ({_system.Address}) and remoting is not started."
                    : null;
                return target is not null;
            }
            cell = _system.RootCell;
            elements = parsed.ToStringWithoutAddress();
        }
        else if (_path.StartsWith('/'))
        {
            cell = _system.RootCell;
            elements = _path;
        }
        else
        {
            cell = (_anchor as LocalActorRef)?.Cell;
            elements = _path;
        }

        foreach (var element in elements.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (cell is null) break;
            cell = element switch
            {
                "." => cell,
                ".." => (cell.Parent as LocalActorRef)?.Cell,
                _ => cell.ChildCell(element),
            };
        }

        if (cell is null || cell.IsTerminated)
        {
            error = $"No actor at [{_path}] in actor system [{_system.Name}].";
            return false;
        }
        target = cell.Self;
        error = null;
        return true;
    }
}
