using System.Globalization;
using A3C.Actors.Persistence;

namespace A3C.Actors.Training;

/// <summary>
/// The snapshot a command that uses a run's policy (<c>eval</c>, <c>checkpoints export</c>) takes,
/// and why: the one asked for by step, else the valid one with the best mean reward, so a run that
/// collapsed after its peak is judged by its peak.
/// </summary>
/// <param name="Why">Half a sentence for the output: "the best mean reward of the run (475.0)", say.</param>
public sealed record ChosenSnapshot(Snapshot Snapshot, string Why)
{
    /// <exception cref="RunNotFoundException">No such run; the message lists the known runs.</exception>
    /// <exception cref="PersistenceException">No such step, it fails verification, or the run has no valid snapshot.</exception>
    public static async Task<ChosenSnapshot> ChooseAsync(ICheckpointStore store, string run, long? step, CancellationToken cancellationToken = default)
    {
        if (step is { } sequenceNr)
        {
            var asked = await store.Snapshots.LoadAsync(run, sequenceNr, cancellationToken).ConfigureAwait(false);
            return new ChosenSnapshot(asked, $"the step asked for ({Reward(asked)})");
        }

        var listed = await store.Snapshots.ListAsync(run, verify: true, cancellationToken).ConfigureAwait(false);
        var valid = listed.Where(info => info.Status == SnapshotStatus.Valid).ToList();
        if (valid.Count == 0)
            throw new PersistenceException(listed.Count == 0
                ? $"run '{run}' in {store.Location} has no snapshots."
                : $"run '{run}' in {store.Location} has no valid snapshot: " +
                  string.Join("; ", listed.Select(info => $"snapshot {info.SequenceNr} is {info.Status}: {info.Problem}")) + ".");

        var best = SnapshotRetention.Best(valid.Select(info => (info.SequenceNr, info.MeanReward)));
        if (best is null)
        {
            var newest = await store.Snapshots.LoadAsync(run, valid[0].SequenceNr, cancellationToken).ConfigureAwait(false);
            return new ChosenSnapshot(newest, "the newest valid one: no snapshot records a mean reward yet");
        }

        var chosen = await store.Snapshots.LoadAsync(run, best.Value, cancellationToken).ConfigureAwait(false);
        var passedOver = listed.FirstOrDefault(info => info.IsBest && info.Status != SnapshotStatus.Valid);
        return new ChosenSnapshot(chosen, passedOver is null
            ? $"the best mean reward of the run ({Reward(chosen)})"
            : $"the best mean reward among valid snapshots ({Reward(chosen)}); snapshot {passedOver.SequenceNr}, " +
              $"with {Format(passedOver.MeanReward)}, is {passedOver.Status}");
    }

    private static string Reward(Snapshot snapshot) => SnapshotRetention.MeanReward(snapshot.MetadataJson) is { } reward
        ? $"mean reward {Format(reward)}"
        : "no mean reward recorded";

    private static string Format(double? reward) => reward?.ToString("F1", CultureInfo.InvariantCulture) ?? "none";
}
