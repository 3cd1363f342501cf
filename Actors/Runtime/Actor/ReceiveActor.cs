namespace A3C.Actors.Runtime;

/// <summary>
/// An actor whose behavior is a list of typed handlers, declared in the constructor (or inside
/// <see cref="Become(Action)"/>) and tried in order: <c>Receive&lt;Ping&gt;(p =&gt; ...)</c>.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerList _initial = new();
    private HandlerList? _building;

    protected ReceiveActor() => _building = _initial;

    protected internal sealed override bool Receive(object message) => _initial.Handle(message);

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        Building.Add(new SyncHandler<T>(handler, shouldHandle));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Building.Add(new SyncHandler<T>(handler, shouldHandle));

    /// <summary>
    /// An async handler: no further user message is processed until its task completes, and code
    /// after each <c>await</c> runs inside the actor, so <c>Sender</c> and <c>Self</c> stay valid.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Building.Add(new AsyncHandler<T>(handler, shouldHandle));

    protected void ReceiveAny(Action<object> handler) => Building.Add(new SyncHandler<object>(handler, null));

    protected void ReceiveAnyAsync(Func<object, Task> handler) => Building.Add(new AsyncHandler<object>(handler, null));

    /// <summary>Replaces the handlers with those that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure).Handle);

    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure).Handle);

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    internal override void OnConstructed() => _building = null;

    private HandlerList Building => _building
        ?? throw new InvalidOperationException("Receive handlers can only be declared in the constructor or inside Become(...).");

    private HandlerList Build(Action configure)
    {
        var previous = _building;
        var list = new HandlerList();
        _building = list;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }
        return list;
    }

    private sealed class HandlerList
    {
        private Handler[] _handlers = [];

        public void Add(Handler handler) => _handlers = [.. _handlers, handler];

        public bool Handle(object message)
        {
            foreach (var handler in _handlers)
                if (handler.TryHandle(message)) return true;
            return false;
        }
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        }
    }

    private sealed class AsyncHandler<T>(Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            ActorCell.Current!.RunAsync(handler, typed);
            return true;
        }
    }
}
