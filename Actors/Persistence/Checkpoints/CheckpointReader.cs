using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// Reads a run's checkpoints through Akka.Persistence: the history through the read journal
/// (events by persistence id), snapshots through recoveries with selection criteria. A snapshot
/// that fails its checksum is reported and the recovery falls back to the one before it.
/// </summary>
/// <param name="location">Where the store is, for messages: a file, or a server and database.</param>
public sealed class CheckpointReader(ActorSystem system, string location)
{
    // Made on first use: the plugin's read journal blocks for at most 5 s on the write journal's start, so
    // CheckpointStore first waits for that start itself (WaitUntilStartedAsync) with Akka's recovery timeout.
    private readonly Lazy<SqlReadJournal> _journal =
        new(() => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier));

    public string Location { get; } = location;

    /// <summary>The names of the runs the journal holds, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> RunsAsync(CancellationToken cancellationToken = default)
    {
        var ids = await _journal.Value.CurrentPersistenceIds().RunWith(Sink.Seq<string>(), system.Materializer()).WaitAsync(cancellationToken);
        return ids.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every event the run's journal holds, oldest first (events by persistence id).</summary>
    /// <exception cref="RunNotFoundException">The journal has no events of the run.</exception>
    public async Task<IReadOnlyList<object>> EventsAsync(string run, CancellationToken cancellationToken = default)
    {
        var events = await _journal.Value.CurrentEventsByPersistenceId(run, 0, long.MaxValue)
            .Select(envelope => envelope.Event)
            .RunWith(Sink.Seq<object>(), system.Materializer()).WaitAsync(cancellationToken);
        return events.Count > 0 ? events : throw new RunNotFoundException(run, Location, await RunsAsync(cancellationToken));
    }

    /// <summary>The run's checkpoints not pruned, oldest first, from its journal.</summary>
    /// <exception cref="RunNotFoundException">The journal has no events of the run.</exception>
    public async Task<CheckpointHistory> HistoryAsync(string run, CancellationToken cancellationToken = default) =>
        CheckpointHistory.Of(await EventsAsync(run, cancellationToken));

    /// <summary>The newest kept checkpoint of <paramref name="step"/>.</summary>
    /// <exception cref="PersistenceException">The run has none; the message lists the steps it has.</exception>
    public async Task<CheckpointRecorded> AtStepAsync(string run, long step, CancellationToken cancellationToken = default)
    {
        var history = await HistoryAsync(run, cancellationToken);
        return history.AtStep(step) ?? throw new PersistenceException(
            $"Run '{run}' in {Location} has no snapshot {step}; it has {string.Join(", ", history.Checkpoints.Select(c => c.Step).Distinct().Reverse())}.");
    }

    /// <summary>
    /// Waits until the journal and snapshot store have started (made their tables): a recovery of
    /// <paramref name="run"/> that reads nothing, which each plugin answers once it is ready.
    /// </summary>
    public Task WaitUntilStartedAsync(string run, CancellationToken cancellationToken = default) => RecoverAsync(run, 0, cancellationToken);

    /// <summary>Recovers the run with criteria at or below <paramref name="maxSequenceNr"/>: the snapshot it is offered.</summary>
    public async Task<RecoveredSnapshot> RecoverAsync(string run, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        var result = new TaskCompletionSource<RecoveredSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var cancel = cancellationToken.Register(() => result.TrySetCanceled(cancellationToken));
        system.ActorOf(SnapshotRecovery.Props(run, maxSequenceNr, result));
        return await result.Task;
    }

    /// <summary>
    /// The newest snapshot that verifies and its sequence number. Each newer one that does not is
    /// passed to <paramref name="onProblem"/> and skipped by recovering below it.
    /// </summary>
    /// <exception cref="RunNotFoundException">The store has no such run.</exception>
    /// <exception cref="PersistenceException">The run has no valid snapshot; the message says what was found.</exception>
    public async Task<(long SequenceNr, LearnerState State)> LoadLatestValidAsync(
        string run, Action<string>? onProblem = null, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var maxSequenceNr = long.MaxValue;
        while (true)
        {
            var recovered = await RecoverAsync(run, maxSequenceNr, cancellationToken);
            switch (recovered)
            {
                case { Snapshot: LearnerState state, SequenceNr: { } sequenceNr }:
                    return (sequenceNr, state);
                case { Snapshot: DamagedCheckpoint damaged, SequenceNr: { } sequenceNr }:
                    var problem = $"snapshot {sequenceNr} of run '{run}' in {Location} is damaged: {damaged.Problem}; falling back to the one before";
                    problems.Add(problem);
                    onProblem?.Invoke(problem);
                    maxSequenceNr = sequenceNr - 1;
                    break;
                default:
                    await HistoryAsync(run, cancellationToken); // throws, naming the known runs, when the run is unknown
                    throw new PersistenceException(problems.Count == 0
                        ? $"run '{run}' in {Location} has no snapshot to resume from."
                        : $"run '{run}' in {Location} has no valid snapshot to resume from: {string.Join("; ", problems)}.");
            }
        }
    }

    /// <summary>The snapshot of one recorded checkpoint, verified.</summary>
    /// <exception cref="PersistenceException">It is no longer stored, or it fails verification.</exception>
    public async Task<LearnerState> LoadAsync(string run, CheckpointRecorded checkpoint, CancellationToken cancellationToken = default)
    {
        var recovered = await RecoverAsync(run, checkpoint.SnapshotSequenceNr, cancellationToken);
        return Verify(run, checkpoint, recovered) is { } problem
            ? throw new PersistenceException(problem)
            : (LearnerState)recovered.Snapshot!;
    }

    /// <summary>The run's checkpoints, newest first; with <paramref name="verify"/> each snapshot is read and checked.</summary>
    public async Task<IReadOnlyList<StoredCheckpoint>> ListAsync(string run, bool verify, CancellationToken cancellationToken = default)
    {
        var history = await HistoryAsync(run, cancellationToken);
        var best = history.Best?.SnapshotSequenceNr;
        var listed = new List<StoredCheckpoint>();
        foreach (var checkpoint in history.Checkpoints.Reverse())
        {
            var problem = verify ? Verify(run, checkpoint, await RecoverAsync(run, checkpoint.SnapshotSequenceNr, cancellationToken)) : null;
            listed.Add(new StoredCheckpoint(checkpoint, problem, checkpoint.SnapshotSequenceNr == best));
        }
        return listed;
    }

    private string? Verify(string run, CheckpointRecorded checkpoint, RecoveredSnapshot recovered) => recovered switch
    {
        { SequenceNr: var found } when found != checkpoint.SnapshotSequenceNr =>
            $"snapshot {checkpoint.SnapshotSequenceNr} (step {checkpoint.Step}) of run '{run}' is no longer in {Location}",
        { Snapshot: DamagedCheckpoint damaged } =>
            $"snapshot {checkpoint.SnapshotSequenceNr} (step {checkpoint.Step}) of run '{run}' is damaged: {damaged.Problem}",
        { Snapshot: LearnerState state } when state.Step != checkpoint.Step =>
            $"snapshot {checkpoint.SnapshotSequenceNr} of run '{run}' holds step {state.Step}, its journal event says {checkpoint.Step}",
        _ => null,
    };
}
