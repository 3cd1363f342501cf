namespace A3C.Actors.Runtime;

public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and awaits the first reply. A
    /// <see cref="StatusFailure"/> reply throws its cause; no reply within <paramref name="timeout"/>
    /// throws <see cref="AskTimeoutException"/> naming the target and the timeout.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var reply = await target.Ask(message, timeout, cancellationToken).ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException(
                $"Ask to [{target.Path}] expected a reply of type {typeof(T).Name} but got {reply.GetType().Name}: {reply}.");
    }

    public static async Task<object> Ask(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, $"Ask to [{target.Path}] needs a positive timeout.");

        var path = target is LocalActorRef local
            ? local.Cell.System.NewTempPath()
            : target.Path.Root / "temp" / ("$ask-" + Guid.NewGuid().ToString("N"));
        var promise = new PromiseActorRef(path);
        target.Tell(message, promise);

        object reply;
        try
        {
            reply = await promise.Reply.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new AskTimeoutException(
                $"Ask timed out on [{target.Path}] after {timeout.TotalMilliseconds:0.###} ms waiting for a reply to {message.GetType().Name}. " +
                "The target may be stopped, busy, or not replying to Sender.");
        }
        return reply is StatusFailure failure ? throw failure.Cause : reply;
    }
}
