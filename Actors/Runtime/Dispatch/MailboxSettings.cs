namespace A3C.Actors.Runtime;

/// <summary>What a bounded mailbox does when it is full.</summary>
public enum MailboxOverflow
{
    /// <summary><c>Tell</c> drops the message to dead letters; <c>TellAsync</c> waits for space.</summary>
    Backpressure,

    /// <summary>Both <c>Tell</c> and <c>TellAsync</c> drop the message to dead letters.</summary>
    DropToDeadLetters,
}

/// <summary>An actor's mailbox: unbounded (the default) or bounded with an overflow rule.</summary>
public sealed record MailboxSettings(int? Capacity = null, MailboxOverflow Overflow = MailboxOverflow.Backpressure)
{
    public static MailboxSettings Unbounded { get; } = new();

    public static MailboxSettings Bounded(int capacity, MailboxOverflow overflow = MailboxOverflow.Backpressure)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A bounded mailbox needs a capacity of at least 1.");
        return new MailboxSettings(capacity, overflow);
    }
}
