using A3C.Actors.Training.Cluster.Tensors;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// On the learner node, where worker nodes register their rollout actors (<see cref="RegisterRemoteWorker"/>).
/// Each gets a <see cref="WorkerProxy"/> that the learner knows it by: weight snapshots reach the
/// worker on its node's tensor channel (one link per worker node, its host from membership, its port
/// from the registration) with at most the newest pending. A node whose channel cannot be reached
/// has its workers registered as they are, their snapshots then going through Akka.Remote.
/// </summary>
public sealed class WorkerGateway : ReceiveActor
{
    public const string Name = "worker-gateway";

    private sealed record Linked(RegisterRemoteWorker Registration, IActorRef ReplyTo, TensorLink? Link);

    private readonly Dictionary<Address, Task<TensorLink>> _links = [];
    private readonly ActorSelection _learner;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public WorkerGateway(string learnerPath)
    {
        _learner = Context.ActorSelection(learnerPath);
        Receive<RegisterRemoteWorker>(register =>
        {
            var node = register.Worker.Path.Address;
            if (!_links.TryGetValue(node, out var link))
                _links[node] = link = TensorChannel.Get(Context.System).ConnectAsync(node.Host!, register.TensorPort);
            var replyTo = Sender;
            link.PipeTo(Self, success: l => new Linked(register, replyTo, l), failure: e =>
            {
                _log.Warning("Cannot open the tensor channel to the worker node at {0} ({1}); its weights go through Akka.Remote.",
                    node, e.GetBaseException().Message);
                return new Linked(register, replyTo, null);
            });
        });
        Receive<Linked>(linked =>
        {
            var (worker, index) = (linked.Registration.Worker, linked.Registration.Index);
            var proxy = linked.Link is null ? worker : Context.ActorOf(Props.Create(() => new WorkerProxy(worker, linked.Link)));
            // The worker's node learns the proxy before the learner does: its first tensors go out in the proxy's name.
            linked.ReplyTo.Tell(new WorkerProxyAssigned(worker, proxy));
            _learner.Tell(new RegisterWorker(proxy, index), proxy);
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            if (_links.Remove(removed.Member.Address, out var link))
                link.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.DisposeAsync().AsTask() : Task.CompletedTask, TaskScheduler.Default);
        });
        ReceiveAny(_ => { });
    }

    protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
