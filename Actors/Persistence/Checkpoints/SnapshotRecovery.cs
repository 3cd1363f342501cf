using Akka.Actor;
using Akka.Persistence;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// Recovers a run's persistent state with <see cref="SnapshotSelectionCriteria"/> at or below a
/// sequence number, reports the snapshot it was offered and stops; it never writes. Falling back
/// from a damaged snapshot is a new recovery with criteria below it (<see cref="CheckpointReader"/>).
/// </summary>
public sealed class SnapshotRecovery : ReceivePersistentActor
{
    private readonly string _run;
    private readonly long _maxSequenceNr;
    private readonly TaskCompletionSource<RecoveredSnapshot> _result;
    private SnapshotOffer? _offer;

    public SnapshotRecovery(string run, long maxSequenceNr, TaskCompletionSource<RecoveredSnapshot> result)
    {
        _run = run;
        _maxSequenceNr = maxSequenceNr;
        _result = result;
        Recover<SnapshotOffer>(offer => _offer = offer);
        Recover<RecoveryCompleted>(_ =>
        {
            _result.TrySetResult(new RecoveredSnapshot(_offer?.Metadata.SequenceNr, _offer?.Snapshot));
            Context.Stop(Self);
        });
        RecoverAny(_ => { }); // the events: the snapshot is what is asked for
        CommandAny(_ => { });
    }

    public override string PersistenceId => _run;

    // Events after the snapshot need not be replayed: only the snapshot is wanted.
    public override Recovery Recovery => new(new SnapshotSelectionCriteria(_maxSequenceNr), toSequenceNr: _maxSequenceNr);

    public static Props Props(string run, long maxSequenceNr, TaskCompletionSource<RecoveredSnapshot> result) =>
        Akka.Actor.Props.Create(() => new SnapshotRecovery(run, maxSequenceNr, result));

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _result.TrySetException(new PersistenceException(
            $"recovering run '{_run}' from its snapshot store failed: {CheckpointErrors.Describe(reason)}", reason));
        base.OnRecoveryFailure(reason, message);
    }
}
