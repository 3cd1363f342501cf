namespace A3C.Actors.Runtime;

public static class TellAsyncExtensions
{
    /// <summary>
    /// Sends and completes once the message is in the mailbox: with a bounded, backpressured
    /// mailbox this waits for space instead of dropping. Other refs complete at once.
    /// </summary>
    public static ValueTask TellAsync(this IActorRef target, object message, IActorRef? sender = null, CancellationToken cancellationToken = default)
    {
        if (target is LocalActorRef local) return local.TellAsync(message, sender, cancellationToken);
        target.Tell(message, sender);
        return ValueTask.CompletedTask;
    }
}
