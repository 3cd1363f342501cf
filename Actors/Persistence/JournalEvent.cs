namespace A3C.Actors.Persistence;

/// <summary>One entry of a run's journal. Timestamps are kept at millisecond precision.</summary>
/// <param name="SequenceNr">Position in the run's journal, starting at 1, assigned by the store.</param>
/// <param name="Kind">What happened; see <see cref="RunEventKinds"/>.</param>
/// <param name="PayloadJson">Details as a JSON document.</param>
public sealed record JournalEvent(long SequenceNr, DateTimeOffset Timestamp, string Kind, string PayloadJson);
