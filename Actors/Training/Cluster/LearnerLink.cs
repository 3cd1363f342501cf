using A3C.Actors.Training.Cluster.Tensors;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// The learner as a worker node's rollout actors see it. A registration goes to the learner node's
/// <see cref="WorkerGateway"/>, which answers with the proxy the learner knows the rollout actor by
/// (<see cref="WorkerProxyAssigned"/>); experience batches and gradient packets then go on the tensor
/// channel in that proxy's name, so the learner answers through it. Anything else goes through
/// Akka.Remote. If the channel's connection is lost, the tensors follow the rest through Akka.Remote:
/// slower, never lost.
/// </summary>
public sealed class LearnerLink : ReceiveActor
{
    private sealed record LinkLost(Exception? Cause);

    private readonly IActorRef _learner;
    private readonly ActorSelection _gateway;
    private readonly TensorLink _connection;
    private readonly Dictionary<IActorRef, IActorRef> _proxies = [];
    // Tensors from a rollout actor whose proxy is not known yet: its first weights may overtake the answer.
    private readonly Dictionary<IActorRef, List<object>> _waiting = [];
    private TensorLink? _link;

    public LearnerLink(IActorRef learner, Address learnerNode, TensorLink link)
    {
        _learner = learner;
        _gateway = Context.ActorSelection(new RootActorPath(learnerNode) / "user" / WorkerGateway.Name);
        _connection = link;
        _link = link;
        Receive<RegisterWorker>(register =>
        {
            _waiting.TryAdd(register.Worker, []);
            _gateway.Tell(new RegisterRemoteWorker(register.Worker, register.Index, TensorChannel.Get(Context.System).Port), Self);
        });
        Receive<WorkerProxyAssigned>(assigned =>
        {
            _proxies[assigned.Worker] = assigned.Proxy;
            if (_waiting.Remove(assigned.Worker, out var waiting))
                foreach (var message in waiting) SendTensor(message, assigned.Proxy);
        });
        Receive<ExperienceBatch<float>>(OnTensor);
        Receive<ExperienceBatch<byte>>(OnTensor);
        Receive<GradientPacket>(OnTensor);
        Receive<LinkLost>(lost =>
        {
            Context.GetLogger().Warning("The tensor channel to the learner at {0} was lost ({1}); tensors go through Akka.Remote from now on.",
                link.Peer, lost.Cause?.Message ?? "closed");
            _link = null;
        });
        ReceiveAny(message => _learner.Forward(message));
        link.Completion.ContinueWith(t => new LinkLost(t.Exception?.GetBaseException()), TaskScheduler.Default).PipeTo(Self);
    }

    private void OnTensor(object message)
    {
        if (_proxies.TryGetValue(Sender, out var proxy)) SendTensor(message, proxy);
        else if (_waiting.TryGetValue(Sender, out var waiting)) waiting.Add(message);
        else _learner.Forward(message); // never registered through this link: as it is
    }

    private void SendTensor(object message, IActorRef proxy)
    {
        if (_link is null || !_link.Send(_learner, message, proxy)) _learner.Tell(message, proxy);
    }

    // Closing waits for queued frames to be written: not in this actor's thread.
    protected override void PostStop() => _ = _connection.DisposeAsync().AsTask();
}
