namespace A3C.Actors.Persistence;

/// <summary>An append-only log of what happened during each run.</summary>
public interface IRunJournal
{
    /// <summary>Appends an event with the next sequence number; creates the run on first use.</summary>
    /// <exception cref="ArgumentException">The payload is not a JSON document.</exception>
    async Task<JournalEvent> AppendAsync(
        string run, string kind, string payloadJson, DateTimeOffset timestamp, CancellationToken cancellationToken = default) =>
        (await AppendAllAsync(run, [new JournalEntry(kind, payloadJson, timestamp)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Appends events in order with consecutive sequence numbers, in one transaction: all of them or
    /// none. Creates the run on first use.
    /// </summary>
    /// <exception cref="ArgumentException">An entry's kind or payload is malformed; nothing was appended.</exception>
    Task<IReadOnlyList<JournalEvent>> AppendAllAsync(
        string run, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Events with a sequence number of at least <paramref name="fromSequenceNr"/>, oldest first.</summary>
    /// <exception cref="RunNotFoundException">The store has no such run.</exception>
    Task<IReadOnlyList<JournalEvent>> ReadAsync(
        string run, long fromSequenceNr = 1, CancellationToken cancellationToken = default);
}
