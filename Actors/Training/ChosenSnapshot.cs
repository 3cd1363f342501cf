using System.Globalization;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;

namespace A3C.Actors.Training;

/// <summary>
/// The checkpoint a command that uses a run's policy (<c>eval</c>, <c>checkpoints export</c>) takes,
/// and why: the one asked for by step, else the valid one with the best mean reward, so a run that
/// collapsed after its peak is judged by its peak.
/// </summary>
/// <param name="Why">Half a sentence for the output: "the best mean reward of the run (475.0)", say.</param>
public sealed record ChosenSnapshot(ResumePoint Point, string Why)
{
    /// <exception cref="RunNotFoundException">No such run; the message lists the known runs.</exception>
    /// <exception cref="PersistenceException">No such step, it fails verification, or the run has no valid checkpoint.</exception>
    public static async Task<ChosenSnapshot> ChooseAsync(CheckpointReader reader, string run, long? step, CancellationToken cancellationToken = default)
    {
        if (step is { } asked)
        {
            var checkpoint = await reader.AtStepAsync(run, asked, cancellationToken).ConfigureAwait(false);
            var state = await reader.LoadAsync(run, checkpoint, cancellationToken).ConfigureAwait(false);
            return new ChosenSnapshot(ResumePoint.From(run, state), $"the step asked for ({Reward(state.MeanReward)})");
        }

        var listed = await reader.ListAsync(run, verify: true, cancellationToken).ConfigureAwait(false);
        var valid = listed.Where(c => c.IsValid).ToList();
        if (valid.Count == 0)
            throw new PersistenceException(listed.Count == 0
                ? $"run '{run}' in {reader.Location} has no checkpoints."
                : $"run '{run}' in {reader.Location} has no valid checkpoint: {string.Join("; ", listed.Select(c => c.Problem))}.");

        var best = valid.Where(c => c.Recorded.MeanReward is not null)
            .OrderByDescending(c => c.Recorded.MeanReward).ThenByDescending(c => c.Recorded.SnapshotSequenceNr).FirstOrDefault();
        if (best is null)
        {
            var newest = await reader.LoadAsync(run, valid[0].Recorded, cancellationToken).ConfigureAwait(false);
            return new ChosenSnapshot(ResumePoint.From(run, newest), "the newest valid one: no checkpoint records a mean reward yet");
        }

        var chosen = await reader.LoadAsync(run, best.Recorded, cancellationToken).ConfigureAwait(false);
        var passedOver = listed.FirstOrDefault(c => c.IsBest && !c.IsValid);
        return new ChosenSnapshot(ResumePoint.From(run, chosen), passedOver is null
            ? $"the best mean reward of the run ({Reward(chosen.MeanReward)})"
            : $"the best mean reward among valid checkpoints ({Reward(chosen.MeanReward)}); step {passedOver.Recorded.Step}, " +
              $"with {Format(passedOver.Recorded.MeanReward)}, cannot be used: {passedOver.Problem}");
    }

    private static string Reward(double? reward) => reward is { } value ? $"mean reward {Format(value)}" : "no mean reward recorded";

    private static string Format(double? reward) => reward?.ToString("F1", CultureInfo.InvariantCulture) ?? "none";
}
