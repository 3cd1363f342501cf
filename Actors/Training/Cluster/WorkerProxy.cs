using A3C.Actors.Training.Cluster.Tensors;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// A worker node's rollout actor as the learner sees it, on the learner node. Weight snapshots go
/// to the worker on the tensor channel, one at a time: while one is being written at most the
/// newest waits, and the ones it replaces are dropped and counted, so a worker that stops reading
/// never makes the learner queue snapshots. Everything else goes through Akka.Remote. It stops when
/// the worker does (death watch across nodes), which the learner sees as its worker stopping.
/// </summary>
public sealed class WorkerProxy : ReceiveActor
{
    private readonly IActorRef _worker;
    private readonly TensorLink _link;
    private (WeightSnapshot Snapshot, IActorRef Sender)? _pending;
    private bool _writing;
    private long _dropped;

    public WorkerProxy(IActorRef worker, TensorLink link)
    {
        _worker = worker;
        _link = link;
        Receive<WeightSnapshot>(snapshot =>
        {
            if (!_writing) Write(snapshot, Sender);
            else
            {
                if (_pending is not null) _dropped++;
                _pending = (snapshot, Sender);
            }
        });
        Receive<SnapshotWritten>(written =>
        {
            _writing = false;
            if (!written.Delivered)
            {
                // The worker node's channel is gone: the worker will be downed; nothing more to send it.
                Context.Stop(Self);
                return;
            }
            if (_pending is { } next)
            {
                _pending = null;
                Write(next.Snapshot, next.Sender);
            }
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_worker), _ => Context.Stop(Self));
        ReceiveAny(message => _worker.Forward(message));
    }

    /// <summary>Snapshots replaced while an older one was still being written.</summary>
    public long Dropped => _dropped;

    protected override void PreStart() => Context.Watch(_worker);

    protected override void PostStop()
    {
        if (_dropped > 0)
            Context.GetLogger().Info("Worker {0}: {1} weight snapshots were replaced by newer ones before they could be sent.", _worker.Path, _dropped);
    }

    private void Write(WeightSnapshot snapshot, IActorRef sender)
    {
        _writing = true;
        _link.SendAsync(_worker, snapshot, sender).PipeTo(Self, success: () => new SnapshotWritten(true), failure: _ => new SnapshotWritten(false));
    }
}
