namespace A3C.Actors.Runtime;

/// <summary>Raised inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException(string message) : Exception(message);

/// <summary>
/// Raised when a watched actor stopped and the watcher did not handle <see cref="Terminated"/>:
/// by default the watcher dies too, as in Akka.
/// </summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Monitored actor [{deadActor.Path}] terminated and the watcher did not handle Terminated.")
{
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>Constructor, <c>PreStart</c> or <c>PostRestart</c> failed; the default supervisor stops the actor.</summary>
public sealed class ActorInitializationException(ActorPath path, string message, Exception inner)
    : Exception($"[{path}] {message}: {inner.Message}", inner)
{
    public ActorPath Path { get; } = path;
}

public sealed class InvalidActorNameException(string message) : ArgumentException(message);

public sealed class ActorNotFoundException(string message) : Exception(message);

/// <summary>An ask got no reply in time; the message names the target and the timeout.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
