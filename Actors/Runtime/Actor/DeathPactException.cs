namespace A3C.Actors.Runtime;

/// <summary>
/// Raised when a watched actor stopped and the watcher did not handle <see cref="Terminated"/>:
/// by default the watcher dies too, as in Akka.
/// </summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Monitored actor [{deadActor.Path}] terminated and the watcher did not handle Terminated.")
{
    public IActorRef DeadActor { get; } = deadActor;
}
