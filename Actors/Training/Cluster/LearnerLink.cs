using A3C.Actors.Training.Cluster.Tensors;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// The learner as a worker node's rollout actors see it: experience batches and gradient packets go
/// on the tensor channel, everything else (registration) through Akka.Remote, each with the rollout
/// actor as sender, so the learner answers it directly. If the channel's connection is lost, the
/// tensors follow the rest through Akka.Remote: slower, never lost.
/// </summary>
public sealed class LearnerLink : ReceiveActor
{
    private sealed record LinkLost(Exception? Cause);

    private readonly IActorRef _learner;
    private readonly TensorLink _connection;
    private TensorLink? _link;

    public LearnerLink(IActorRef learner, TensorLink link)
    {
        _learner = learner;
        _connection = link;
        _link = link;
        Receive<ExperienceBatch<float>>(SendTensor);
        Receive<ExperienceBatch<byte>>(SendTensor);
        Receive<GradientPacket>(SendTensor);
        Receive<LinkLost>(lost =>
        {
            Context.GetLogger().Warning("The tensor channel to the learner at {0} was lost ({1}); tensors go through Akka.Remote from now on.",
                link.Peer, lost.Cause?.Message ?? "closed");
            _link = null;
        });
        ReceiveAny(message => _learner.Forward(message));
        link.Completion.ContinueWith(t => new LinkLost(t.Exception?.GetBaseException()), TaskScheduler.Default).PipeTo(Self);
    }

    private void SendTensor(object message)
    {
        if (_link is null || !_link.Send(_learner, message, Sender)) _learner.Forward(message);
    }

    // Closing waits for queued frames to be written: not in this actor's thread.
    protected override void PostStop() => _ = _connection.DisposeAsync().AsTask();
}
