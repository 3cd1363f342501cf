using System.Text.Json;

namespace A3C.Actors.Persistence;

/// <summary>
/// Which snapshots retention keeps: the newest <c>keepLast</c>, and always the one with the highest
/// mean reward, so a run that collapses after its peak keeps its best policy. The mean reward is
/// read from the snapshot's metadata, the number under <see cref="MeanRewardField"/>.
/// </summary>
public static class SnapshotRetention
{
    /// <summary>The metadata field holding the mean return over the reward window; absent or null before the first episode.</summary>
    public const string MeanRewardField = "meanReward";

    /// <summary>The mean reward a snapshot's metadata records; null when it records none (or it is not a finite number).</summary>
    public static double? MeanReward(string metadataJson)
    {
        try
        {
            using var document = JsonDocument.Parse(metadataJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty(MeanRewardField, out var value)
                   && value.ValueKind == JsonValueKind.Number
                   && value.TryGetDouble(out var reward) && double.IsFinite(reward)
                ? reward
                : null;
        }
        catch (JsonException)
        {
            return null; // Metadata is checked on save; a damaged row is the checksum's business, not retention's.
        }
    }

    /// <summary>
    /// The snapshot with the highest mean reward; among equals the newest, which trained longest to
    /// get there. Null when none records a mean reward.
    /// </summary>
    public static long? Best(IEnumerable<(long SequenceNr, double? MeanReward)> snapshots) =>
        snapshots.Where(s => s.MeanReward is not null)
            .OrderByDescending(s => s.MeanReward)
            .ThenByDescending(s => s.SequenceNr)
            .Select(s => (long?)s.SequenceNr)
            .FirstOrDefault();

    /// <summary>The snapshots to delete, newest first: all but the newest <paramref name="keepLast"/> and the best.</summary>
    /// <param name="newestFirst">Every snapshot of the run, newest first.</param>
    internal static List<long> Doomed(IReadOnlyList<(long SequenceNr, double? MeanReward)> newestFirst, int keepLast)
    {
        var best = Best(newestFirst);
        return newestFirst.Skip(keepLast).Select(s => s.SequenceNr).Where(sequenceNr => sequenceNr != best).ToList();
    }
}
