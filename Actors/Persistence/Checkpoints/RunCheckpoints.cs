using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// The persistent side of one run's checkpoints (persistence id: the run's name). For each
/// <see cref="StoreCheckpoint"/> it saves the state as a snapshot and, once the store confirms it,
/// journals a <see cref="CheckpointRecorded"/>; then it prunes old snapshots. Its own state is the
/// <see cref="CheckpointHistory"/>, recovered from events alone: the snapshots are the learner's
/// state, not this actor's, and a 39 MiB read would only slow its start.
/// </summary>
/// <remarks>
/// Snapshot before event: the journal never names a snapshot that was not stored. A failed journal
/// write stops this actor (Akka's rule for persist failures); <see cref="CheckpointKeeper"/> watches
/// it, keeps the state and starts another.
/// </remarks>
public sealed class RunCheckpoints : ReceivePersistentActor
{
    private readonly string _run;
    private readonly int _keep;
    private readonly IActorRef _keeper;
    private readonly CheckpointHistory _history = new();
    private readonly HashSet<long> _deleting = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RunStarted? _started;
    private InFlight? _inFlight;

    private sealed record InFlight(LearnerState State, EncodedCheckpoint Encoded, long StartedAt);

    /// <param name="keep">Snapshots kept besides the best; at least 1.</param>
    /// <param name="started">Journalled once recovery is done; null when this run's start is already journalled.</param>
    /// <param name="keeper">Told how each checkpoint went.</param>
    public RunCheckpoints(string run, int keep, RunStarted? started, IActorRef keeper)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        _run = run;
        _keep = keep;
        _started = started;
        _keeper = keeper;

        Recover<CheckpointRecorded>(_history.Apply);
        Recover<CheckpointsPruned>(_history.Apply);
        Recover<RunStarted>(_ => { });
        Recover<RecoveryCompleted>(_ =>
        {
            if (_started is { } start) Persist(start, _ => _started = null);
        });

        Command<StoreCheckpoint>(OnStore);
        Command<SaveSnapshotSuccess>(OnSaved);
        Command<SaveSnapshotFailure>(failure => NotStored(failure.Cause));
        Command<DeleteSnapshotsSuccess>(deleted => Pruned(_history.Checkpoints
            .Select(c => c.SnapshotSequenceNr)
            .Where(sequenceNr => sequenceNr <= deleted.Criteria.MaxSequenceNr && _deleting.Contains(sequenceNr))));
        Command<DeleteSnapshotSuccess>(deleted => Pruned([deleted.Metadata.SequenceNr]));
        Command<DeleteSnapshotsFailure>(failed => PruneFailed(failed.Cause));
        Command<DeleteSnapshotFailure>(failed => PruneFailed(failed.Cause));
    }

    public override string PersistenceId => _run;

    // Events only: the history is all this actor needs.
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

    public static Props Props(string run, int keep, RunStarted? started, IActorRef keeper) =>
        Akka.Actor.Props.Create(() => new RunCheckpoints(run, keep, started, keeper));

    private void OnStore(StoreCheckpoint store)
    {
        if (_inFlight is not null)
        {
            // The keeper sends one at a time; a second means it gave up waiting on the first.
            _keeper.Tell(new CheckpointNotStored(_run, store.State.Step, $"snapshot of step {_inFlight.State.Step} is still being written"));
            return;
        }

        // Encoding and hashing tens of megabytes happens here, off the learner's thread.
        var started = Stopwatch.GetTimestamp();
        _inFlight = new InFlight(store.State, CheckpointEncoding.Encode(store.State), started);
        SaveSnapshot(_inFlight.Encoded);
    }

    private void OnSaved(SaveSnapshotSuccess saved)
    {
        if (_inFlight is not { } written) return;
        var state = written.State;
        var recorded = new CheckpointRecorded(saved.Metadata.SequenceNr, state.Step, state.Frames, state.Episodes, state.MeanReward,
            written.Encoded.Bytes.LongLength, written.Encoded.Checksum, state.Timestamp);
        Persist(recorded, e =>
        {
            _inFlight = null;
            _history.Apply(e);
            _keeper.Tell(new CheckpointStored(_run, state.Step, e.SnapshotSequenceNr, e.SizeBytes, Stopwatch.GetElapsedTime(written.StartedAt)));
            Prune();
        });
    }

    private void NotStored(Exception cause)
    {
        if (_inFlight is not { } failed) return;
        _inFlight = null;
        _keeper.Tell(new CheckpointNotStored(_run, failed.State.Step, Describe(cause)));
    }

    /// <summary>
    /// Deletes what retention lets go: everything below the best in one range, any between the best
    /// and the newest <c>keep</c> one by one, so the best is never inside a range.
    /// </summary>
    private void Prune()
    {
        var doomed = _history.Doomed(_keep).Where(sequenceNr => !_deleting.Contains(sequenceNr)).ToList();
        if (doomed.Count == 0) return;
        _deleting.UnionWith(doomed);
        var best = _history.Best?.SnapshotSequenceNr ?? long.MaxValue;
        var below = doomed.Where(sequenceNr => sequenceNr < best).ToList();
        if (below.Count > 0) DeleteSnapshots(new SnapshotSelectionCriteria(below.Max()));
        foreach (var sequenceNr in doomed.Where(sequenceNr => sequenceNr > best)) DeleteSnapshot(sequenceNr);
    }

    private void Pruned(IEnumerable<long> sequenceNrs)
    {
        var pruned = sequenceNrs.ToArray();
        if (pruned.Length == 0) return;
        Persist(new CheckpointsPruned(pruned), e =>
        {
            _history.Apply(e);
            _deleting.ExceptWith(e.SnapshotSequenceNrs);
        });
    }

    private void PruneFailed(Exception cause)
    {
        // Old snapshots left behind cost disk, not correctness: the next checkpoint tries again.
        _log.Warning("run '{0}': old snapshots could not be pruned: {1}", _run, Describe(cause));
        _deleting.Clear();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The journal refused the event (it could not be serialized): the snapshot exists but is not journalled.
        if (@event is CheckpointRecorded) NotStored(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private static string Describe(Exception cause) => CheckpointErrors.Describe(cause);
}
