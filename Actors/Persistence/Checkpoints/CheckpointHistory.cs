namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// A run's checkpoints as its journal tells them: the ones recorded and not pruned since, oldest
/// first. Retention keeps the newest <c>keep</c> and always the best by mean reward, so a run that
/// collapses after its peak keeps its best policy.
/// </summary>
public sealed class CheckpointHistory
{
    private readonly List<CheckpointRecorded> _checkpoints = [];

    public IReadOnlyList<CheckpointRecorded> Checkpoints => _checkpoints;

    public CheckpointRecorded? Latest => _checkpoints.Count == 0 ? null : _checkpoints[^1];

    /// <summary>The highest mean reward; among equals the newest, which trained longest to get there. Null when none records one.</summary>
    public CheckpointRecorded? Best => _checkpoints
        .Where(c => c.MeanReward is { } reward && double.IsFinite(reward))
        .OrderByDescending(c => c.MeanReward)
        .ThenByDescending(c => c.SnapshotSequenceNr)
        .FirstOrDefault();

    public static CheckpointHistory Of(IEnumerable<object> events)
    {
        var history = new CheckpointHistory();
        foreach (var e in events) history.Apply(e);
        return history;
    }

    /// <summary>Folds one journal event in; events of other kinds are ignored.</summary>
    public void Apply(object journalEvent)
    {
        switch (journalEvent)
        {
            case CheckpointRecorded recorded:
                _checkpoints.Add(recorded);
                break;
            case CheckpointsPruned pruned:
                _checkpoints.RemoveAll(c => pruned.SnapshotSequenceNrs.Contains(c.SnapshotSequenceNr));
                break;
        }
    }

    /// <summary>The newest checkpoint of <paramref name="step"/>; the final snapshot may repeat the last periodic one's step.</summary>
    public CheckpointRecorded? AtStep(long step) => _checkpoints.LastOrDefault(c => c.Step == step);

    /// <summary>The snapshots retention deletes, oldest first: all but the newest <paramref name="keep"/> and the best.</summary>
    public IReadOnlyList<long> Doomed(int keep)
    {
        var best = Best?.SnapshotSequenceNr;
        return _checkpoints.Take(Math.Max(0, _checkpoints.Count - keep))
            .Select(c => c.SnapshotSequenceNr)
            .Where(sequenceNr => sequenceNr != best)
            .ToList();
    }
}
