namespace A3C.Actors.Runtime;

public static class ActorRefExtensions
{
    /// <summary>
    /// Sends with the current actor as sender when called from inside an actor, and no sender
    /// otherwise, like Akka's <c>Tell(message)</c>.
    /// </summary>
    public static void Tell(this IActorRef target, object message) =>
        target.Tell(message, ActorCell.Current?.Self);

    /// <summary>Sends keeping the original sender of the message being processed.</summary>
    public static void Forward(this IActorRef target, object message)
    {
        var current = ActorCell.Current
            ?? throw new InvalidOperationException("Forward can only be called from inside an actor while it processes a message.");
        target.Tell(message, current.Sender);
    }
}
