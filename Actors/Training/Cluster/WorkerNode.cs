using System.Numerics;
using A3C.Actors.Training.Cluster.Tensors;
using A3C.Models.Environments;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// The training side of a worker node. It follows the cluster's membership: once a learner node is
/// up it asks it what it trains (<see cref="DescribeTraining"/>), refuses to work for a learner whose
/// recipe differs from this node's (every difference named), finds the learner (and the inference
/// actor, for central inference) and starts <c>training.workers</c> rollout actors that register
/// with it. When the learner is lost it stops them and waits for the next learner to come up, so a
/// learner resumed after a crash gets this node's work again.
/// <code>
///   worker-node ── workers-N ── worker-0 (backoff) ── rollout ── environment
///                            └─ worker-1 ...
/// </code>
/// </summary>
/// <remarks>
/// Worker indices are <c>(this node's incarnation uid mod 2,000,000 + 1) * 1000 + i</c>: distinct
/// between nodes and between incarnations of one node (a worker restarted on the same address is a
/// new member with a new uid), so the learner counts it as a new worker, never as a restart of
/// one it lost; the learner node's own workers are 0..n-1.
/// </remarks>
public sealed class WorkerNode<TObs> : ReceiveActor, IWithTimers where TObs : unmanaged, INumber<TObs>
{
    private sealed record AskAgain;

    private sealed record LinkReady(TensorLink Link);

    private sealed record LinkFailed(Exception Cause);

    private const string RetryTimer = "ask-learner";
    private const string LearnerQuery = "learner";
    private const string InferenceQuery = "inference";
    public const int IndicesPerNode = 1000;

    private readonly TrainingRecipe _recipe;
    private readonly BoxSpace _observationSpace;
    private readonly Space _actionSpace;
    private readonly TimeSpan _retryInterval;
    private readonly TaskCompletionSource _failed;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private Address? _learnerNode;
    private IActorRef? _learner;
    private IActorRef? _inference;
    private IActorRef? _workers;
    private TensorLink? _link;
    private IActorRef? _learnerLink;
    private bool _connecting;
    private bool _accepted;
    private int _generation;

    /// <param name="failed">Faulted when this node cannot work for the learner it found (its recipe does not fit).</param>
    public WorkerNode(TrainingRecipe recipe, BoxSpace observationSpace, Space actionSpace, TimeSpan retryInterval, TaskCompletionSource failed)
    {
        _recipe = recipe;
        _observationSpace = observationSpace;
        _actionSpace = actionSpace;
        _retryInterval = retryInterval;
        _failed = failed;

        Receive<ClusterEvent.MemberUp>(up => up.Member.HasRole(ClusterRoles.Learner), up => LearnerUp(up.Member));
        Receive<ClusterEvent.MemberRemoved>(removed => removed.Member.HasRole(ClusterRoles.Learner), _ =>
        {
            LearnerLost("the learner node left the cluster");
            // A new learner (a resumed run, say) starts a new cluster from its seed address: leave
            // this one, so the session starts a new node that joins it.
            _cluster.Leave(_cluster.SelfAddress);
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { }); // other members (workers, a user's own nodes) are not this node's business
        // Until the contract is accepted the learner node is asked for it; after, the run's learner is looked up.
        Receive<AskAgain>(_ =>
        {
            if (_accepted) IdentifyLearner();
            else AskLearner();
        });
        Receive<TrainingContract>(OnContract);
        Receive<LinkReady>(ready =>
        {
            _connecting = false;
            if (_learnerNode is null || _link is not null) _ = ready.Link.DisposeAsync().AsTask();
            else
            {
                (_link, _accepted) = (ready.Link, true);
                IdentifyLearner();
            }
        });
        Receive<LinkFailed>(failed =>
        {
            _connecting = false;
            if (_learnerNode is null) return;
            _accepted = true;
            _log.Warning("Cannot open the tensor channel to the learner node at {0} ({1}); tensors go through Akka.Remote.", _learnerNode, failed.Cause.Message);
            IdentifyLearner();
        });
        Receive<ActorIdentity>(OnIdentity);
        Receive<Terminated>(t => t.ActorRef.Equals(_learner), _ => LearnerLost("the learner stopped"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        // Open this node's tensor channel now: the learner node sends weights to it.
        TensorChannel.Get(Context.System);
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void LearnerUp(Member learner)
    {
        if (_learnerNode is not null) return;
        _learnerNode = learner.Address;
        AskLearner();
    }

    /// <summary>Asks again until the learner's run is up: the node may be up before its run is.</summary>
    private void AskLearner()
    {
        if (_learnerNode is null || _workers is not null) return;
        Context.ActorSelection(new RootActorPath(_learnerNode) / "user" / TrainingContractResponder.Name).Tell(new DescribeTraining());
        Timers.StartSingleTimer(RetryTimer, new AskAgain(), _retryInterval);
    }

    private void OnContract(TrainingContract learner)
    {
        if (_learnerNode is null || _accepted || _connecting) return;
        Timers.Cancel(RetryTimer);
        var differences = TrainingContract.Of(_recipe).DifferencesFrom(learner);
        if (differences.Count > 0)
        {
            _failed.TrySetException(new TrainingFailedException(
                $"this worker node's recipe does not fit run '{learner.RunName}' of the learner at {_learnerNode}: {string.Join("; ", differences)}"));
            Context.Stop(Self);
            return;
        }
        // Tensors go on the learner node's tensor channel: its host from membership, its port from the contract.
        _connecting = true;
        TensorChannel.Get(Context.System).ConnectAsync(_learnerNode.Host!, learner.TensorPort)
            .PipeTo(Self, success: link => new LinkReady(link), failure: e => new LinkFailed(e.GetBaseException()));
    }

    private void IdentifyLearner()
    {
        if (_learnerNode is null || _workers is not null) return;
        Timers.StartSingleTimer(RetryTimer, new AskAgain(), _retryInterval);
        Context.ActorSelection(RunPath("learner")).Tell(new Identify(LearnerQuery));
    }

    private void OnIdentity(ActorIdentity identity)
    {
        if (_learnerNode is null || _workers is not null || identity.Subject is null) return;
        if (LearnerQuery.Equals(identity.MessageId))
        {
            Timers.Cancel(RetryTimer);
            _learner = identity.Subject;
            Context.Watch(_learner);
            if (_recipe.Training.Inference == Settings.InferenceMode.Central) Context.ActorSelection(RunPath("inference")).Tell(new Identify(InferenceQuery));
            else StartWorkers();
        }
        else if (InferenceQuery.Equals(identity.MessageId) && _learner is not null)
        {
            _inference = identity.Subject;
            StartWorkers();
        }
    }

    private ActorPath RunPath(string actor) => new RootActorPath(_learnerNode!) / "user" / "run" / actor;

    private void StartWorkers()
    {
        var indexBase = (int)(_cluster.SelfUniqueAddress.Uid % 2_000_000 + 1) * IndicesPerNode;
        if (_link is not null) _learnerLink = Context.ActorOf(Props.Create(() => new LearnerLink(_learner!, _learnerNode!, _link)), $"learner-link-{_generation + 1}");
        // The rollout actors send to the link, which puts their tensors on the channel.
        var (learner, inference, recipe) = (_learnerLink ?? _learner!, _inference, _recipe);
        var (observations, actions) = (_observationSpace, _actionSpace);
        _workers = Context.ActorOf(Props.Create(() => new WorkerPool(recipe.Training.Workers,
            i => RolloutActor<TObs>.Supervised(recipe, indexBase + i, learner, inference, observations, actions))), $"workers-{++_generation}");
        _log.Info("Working for the learner at {0}: {1} rollout workers x {2} envs, worker indices from {3}, tensors {4}.",
            _learnerNode, recipe.Training.Workers, recipe.Environment.EnvsPerWorker, indexBase,
            _link is null ? "through Akka.Remote" : $"on the tensor channel to {_link.Peer}");
    }

    private void LearnerLost(string reason)
    {
        Timers.Cancel(RetryTimer);
        if (_learner is not null) Context.Unwatch(_learner);
        (_learnerNode, _learner, _inference) = (null, null, null);
        // The link actor closes the channel it was given; one never given is closed here.
        if (_learnerLink is not null) Context.Stop(_learnerLink);
        else if (_link is not null) _ = _link.DisposeAsync().AsTask();
        (_learnerLink, _link, _accepted) = (null, null, false);
        if (_workers is null) return;
        _log.Warning("Stopping this node's rollout workers: {0}; they start again once a learner is up.", reason);
        Context.Stop(_workers);
        _workers = null;
    }
}
