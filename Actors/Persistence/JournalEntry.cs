namespace A3C.Actors.Persistence;

/// <summary>An event on its way into a run's journal, before the store numbers it.</summary>
/// <param name="Kind">What happened; see <see cref="RunEventKinds"/>.</param>
/// <param name="PayloadJson">Details as a JSON document.</param>
public sealed record JournalEntry(string Kind, string PayloadJson, DateTimeOffset Timestamp)
{
    internal void Validate(string run)
    {
        JournalKind.Validate(Kind);
        JsonText.Validate(PayloadJson, $"payload of the '{Kind}' event of run '{run}'");
    }
}
