using System.Numerics;
using A3C.Actors.Cluster;
using A3C.Actors.Remote;
using A3C.Actors.Runtime;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Models.Environments;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// The training side of a worker node. Once the node has joined the cluster it finds the learner
/// (and the inference actor, for central inference) on the seed, checks that the learner trains
/// what this node's recipe describes, and starts <c>training.workers</c> rollout actors that
/// register with it. When the learner or the seed is lost it stops them and starts over, so a
/// learner that comes back (resumed) gets this node's work again, with its current weights.
/// <code>
///   worker-node ── workers-N ── worker-0 (backoff) ── rollout ── environment
///                            └─ worker-1 ...
/// </code>
/// </summary>
/// <remarks>
/// Worker indices are <c>node number * 1000 + i</c>: unique in the cluster (the learner node's own
/// workers are 0..n-1), so the learner tells a restarted worker from a new one, and each gets its
/// own seed.
/// </remarks>
public sealed class WorkerNode<TObs> : ReceiveActor, IWithTimers where TObs : unmanaged, INumber<TObs>
{
    private sealed record FindLearner;

    private const long LearnerQuery = 1;
    private const long InferenceQuery = 2;
    private const string RetryTimer = "find-learner";
    public const int IndicesPerNode = 1000;

    private readonly TrainingRecipe _recipe;
    private readonly BoxSpace _observationSpace;
    private readonly Space _actionSpace;
    private readonly Remoting _remoting;
    private readonly IActorRef _cluster;
    private readonly TimeSpan _retryInterval;
    private readonly TaskCompletionSource _failed;
    private readonly long _parameterCount;
    private JoinedCluster? _joined;
    private IActorRef? _learner;
    private IActorRef? _inference;
    private IActorRef? _workers;
    private int _generation;

    /// <param name="failed">Faulted when this node cannot work for the learner it found (its recipe does not fit).</param>
    public WorkerNode(TrainingRecipe recipe, BoxSpace observationSpace, Space actionSpace, Remoting remoting, IActorRef cluster,
        TimeSpan retryInterval, TaskCompletionSource failed)
    {
        _recipe = recipe;
        _observationSpace = observationSpace;
        _actionSpace = actionSpace;
        _remoting = remoting;
        _cluster = cluster;
        _retryInterval = retryInterval;
        _failed = failed;
        using (var net = Models.Algorithms.ActorCriticFactory.Create(observationSpace, actionSpace, recipe.Training.Hidden, recipe.Training.Seed))
            _parameterCount = net.ParameterCount;

        Receive<JoinedCluster>(joined =>
        {
            _joined = joined;
            Self.Tell(new FindLearner());
        });
        Receive<SeedLost>(_ =>
        {
            _joined = null;
            StopWorkers("the seed was lost");
        });
        Receive<FindLearner>(_ => Find());
        Receive<ActorIdentity>(OnIdentity);
        Receive<RunDescription>(OnDescription);
        Receive<Terminated>(t => t.ActorRef.Equals(_learner), _ =>
        {
            StopWorkers("the learner stopped");
            Timers.StartSingleTimer(RetryTimer, new FindLearner(), _retryInterval);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => _cluster.Tell(new SubscribeToMembership(Self), Self);

    private string SeedPath(string actor) => $"{_joined!.Seed}/user/run/{actor}";

    private void Find()
    {
        if (_joined is null || _workers is not null) return;
        _remoting.Resolve(SeedPath("learner")).Tell(new Identify(LearnerQuery), Self);
    }

    private void OnIdentity(ActorIdentity identity)
    {
        if (_joined is null || _workers is not null) return;
        if (identity.Subject is null)
        {
            // The seed is up but its run is not (yet, or no longer): ask again shortly.
            Timers.StartSingleTimer(RetryTimer, new FindLearner(), _retryInterval);
            return;
        }
        if (identity.CorrelationId == LearnerQuery)
        {
            _learner = identity.Subject;
            _learner.Tell(new DescribeRun(), Self);
        }
        else
        {
            _inference = identity.Subject;
            StartWorkers();
        }
    }

    private void OnDescription(RunDescription run)
    {
        if (_learner is null || _workers is not null) return;
        if (Mismatch(run) is { } problem)
        {
            _failed.TrySetException(new TrainingFailedException(
                $"this worker node cannot train for run '{run.RunName}' at {_learner.Path.Address}: {problem}"));
            Context.Stop(Self);
            return;
        }
        Context.Watch(_learner);
        if (_recipe.Training.Inference == InferenceMode.Central) _remoting.Resolve(SeedPath("inference")).Tell(new Identify(InferenceQuery), Self);
        else StartWorkers();
    }

    private string? Mismatch(RunDescription run)
    {
        var mine = _recipe.Training;
        if (run.EnvironmentId != _recipe.Environment.Id) return $"the learner trains {run.EnvironmentId}, this node's config says {_recipe.Environment.Id}";
        if (run.Mode != mine.Mode) return $"the learner trains in mode {run.Mode}, this node's config says {mine.Mode}";
        if (run.Inference != mine.Inference) return $"the learner uses {run.Inference} inference, this node's config says {mine.Inference}";
        if (run.ParameterCount != _parameterCount)
            return $"the learner's network has {run.ParameterCount} parameters, this node's config (training.hidden = {mine.Hidden}) gives {_parameterCount}";
        return null;
    }

    private void StartWorkers()
    {
        var indexBase = _joined!.NodeNumber * IndicesPerNode;
        var learner = _learner!;
        var inference = _inference;
        _workers = Context.ActorOf(Props.Create(() => new WorkerPool(_recipe.Training.Workers,
            i => RolloutActor<TObs>.Supervised(_recipe, indexBase + i, learner, inference, _observationSpace, _actionSpace))), $"workers-{++_generation}");
        Context.System.Log.Info($"Working for the learner at {learner.Path.Address}: {_recipe.Training.Workers} rollout workers " +
            $"x {_recipe.Environment.EnvsPerWorker} envs, worker indices from {indexBase}.");
    }

    private void StopWorkers(string reason)
    {
        if (_learner is not null) Context.Unwatch(_learner);
        _learner = null;
        _inference = null;
        if (_workers is null) return;
        Context.System.Log.Warning($"Stopping this node's rollout workers: {reason}; they start again once the learner is found.");
        Context.Stop(_workers);
        _workers = null;
    }
}
