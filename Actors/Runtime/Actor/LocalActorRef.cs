namespace A3C.Actors.Runtime;

/// <summary>A ref to an actor in this process: sending is enqueuing into its mailbox.</summary>
public sealed class LocalActorRef : ActorRefBase
{
    internal LocalActorRef(ActorCell cell, ActorPath path, long uid)
    {
        Cell = cell;
        Path = path;
        Uid = uid;
    }

    internal ActorCell Cell { get; }

    public override ActorPath Path { get; }

    public override long Uid { get; }

    public override bool IsTerminated => Cell.Mailbox.IsClosed;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Cell.Mailbox.Post(new Envelope(message, sender))) DeadLetter(message, sender);
    }

    /// <summary>Sends, waiting for space when the mailbox is bounded with backpressure.</summary>
    public async ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await Cell.Mailbox.PostAsync(new Envelope(message, sender), cancellationToken).ConfigureAwait(false))
            DeadLetter(message, sender);
    }

    public override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    private void DeadLetter(object message, IActorRef? sender)
    {
        if (Cell.Metrics is not null) Interlocked.Increment(ref Cell.Metrics.DeadLetters);
        Cell.System.PublishDeadLetter(message, sender, this);
    }
}
