namespace A3C.Actors.Persistence;

/// <summary>Stores checkpoints of runs and finds the newest one a run can resume from.</summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Writes a snapshot with a checksum over its metadata and blobs, replacing any earlier one with
    /// the same sequence number; creates the run on first use. Either all of it is stored or none.
    /// </summary>
    Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="SaveAsync"/> followed by <see cref="PruneAsync"/> with the new snapshot known valid:
    /// what a learner's periodic checkpoint does. A store may do both in one transaction when the
    /// snapshot is the run's newest, the usual case. Returns the deleted sequence numbers.
    /// </summary>
    async Task<IReadOnlyList<long>> SaveAndPruneAsync(Snapshot snapshot, int keepLast, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await SaveAsync(snapshot, cancellationToken).ConfigureAwait(false);
        return await PruneAsync(snapshot.Run, keepLast, knownValid: snapshot.SequenceNr, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The newest snapshot whose checksum verifies. Each newer one that failed is reported in the
    /// result and to <paramref name="onProblem"/> (as it is found) before falling back to the next older one.
    /// Database errors (a lost connection, a locked file) are thrown, not reported: a passing network
    /// fault must never make a run silently resume from an older snapshot.
    /// </summary>
    /// <exception cref="RunNotFoundException">The store has no such run.</exception>
    Task<SnapshotLoadResult> LoadLatestValidAsync(
        string run, Action<SnapshotProblem>? onProblem = null, CancellationToken cancellationToken = default);

    /// <summary>One particular snapshot, verified.</summary>
    /// <exception cref="RunNotFoundException">The store has no such run.</exception>
    /// <exception cref="PersistenceException">No such snapshot, or it failed verification.</exception>
    Task<Snapshot> LoadAsync(string run, long sequenceNr, CancellationToken cancellationToken = default);

    /// <summary>The run's snapshots, newest first; with <paramref name="verify"/> each one's blobs are re-hashed.</summary>
    /// <exception cref="RunNotFoundException">The store has no such run.</exception>
    Task<IReadOnlyList<SnapshotInfo>> ListAsync(
        string run, bool verify = true, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes all but the newest <paramref name="keepLast"/> snapshots, yet never the newest valid one
    /// (when the newest <paramref name="keepLast"/> all fail verification, the newest valid one beyond
    /// them is kept as well) nor the one with the highest mean reward in its metadata
    /// (<see cref="SnapshotRetention"/>). Returns the deleted sequence numbers.
    /// </summary>
    /// <param name="knownValid">
    /// A snapshot the caller has just written and checksummed itself: it counts as valid without
    /// being read back, which for a large network saves re-hashing megabytes after every save.
    /// </param>
    /// <exception cref="RunNotFoundException">The store has no such run.</exception>
    Task<IReadOnlyList<long>> PruneAsync(string run, int keepLast, long? knownValid = null, CancellationToken cancellationToken = default);
}
