namespace A3C.Actors.Persistence;

/// <summary>An append-only log of what happened during each run.</summary>
public interface IRunJournal
{
    /// <summary>Appends an event with the next sequence number; creates the run on first use.</summary>
    /// <exception cref="ArgumentException">The payload is not a JSON document.</exception>
    Task<JournalEvent> AppendAsync(
        string run, string kind, string payloadJson, DateTimeOffset timestamp, CancellationToken cancellationToken = default);

    /// <summary>Events with a sequence number of at least <paramref name="fromSequenceNr"/>, oldest first.</summary>
    /// <exception cref="RunNotFoundException">The store has no such run.</exception>
    Task<IReadOnlyList<JournalEvent>> ReadAsync(
        string run, long fromSequenceNr = 1, CancellationToken cancellationToken = default);
}
