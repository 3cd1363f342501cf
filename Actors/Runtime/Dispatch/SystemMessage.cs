namespace A3C.Actors.Runtime;

/// <summary>
/// Messages about an actor's life rather than its work: they travel in a separate queue that is
/// drained before any user message, and are processed even while the actor is suspended.
/// </summary>
public abstract record SystemMessage;

/// <summary>Instantiate the actor and run <c>PreStart</c>.</summary>
public sealed record Create : SystemMessage;

/// <summary>Replace the actor instance after a failure (supervisor said Restart).</summary>
public sealed record Recreate(Exception Cause) : SystemMessage;

/// <summary>Continue with the same instance after a failure (supervisor said Resume).</summary>
public sealed record Resume(Exception? CausedByFailure) : SystemMessage;

/// <summary>Stop the actor: stop children, run <c>PostStop</c>, notify watchers.</summary>
public sealed record Terminate : SystemMessage;

/// <summary>A child failed and is suspended until its parent's directive arrives.</summary>
public sealed record Failed(IActorRef Child, Exception Cause) : SystemMessage;

/// <summary><paramref name="Watcher"/> wants a <see cref="Terminated"/> when <paramref name="Watchee"/> dies.</summary>
public sealed record Watch(IActorRef Watchee, IActorRef Watcher) : SystemMessage;

public sealed record Unwatch(IActorRef Watchee, IActorRef Watcher) : SystemMessage;

/// <summary>Sent to watchers by a dying actor; turned into a user-level <see cref="Terminated"/>.</summary>
public sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed) : SystemMessage;

/// <summary>Sent to the parent once a child has fully stopped.</summary>
public sealed record ChildTerminated(IActorRef Child) : SystemMessage;

/// <summary>An awaited <c>ReceiveAsync</c> handler finished; resume user messages (or fail).</summary>
internal sealed record AsyncHandlerCompleted(Task Handler) : SystemMessage;

/// <summary>A continuation of an awaited handler, run inside the actor like a message.</summary>
internal sealed record RunContinuation(SendOrPostCallback Callback, object? State) : SystemMessage;
