using System.Numerics;
using A3C.Actors.Monitoring;
using Akka.Actor;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;
using TorchSharp;

namespace A3C.Actors.Training;

/// <summary>
/// Drives one environment actor with a local copy of the policy: chooses actions, turns the steps
/// into n-step transitions, and hands them to the learner, as experience (A2C, data-parallel A3C)
/// or as gradients computed here (gradient-parallel A3C), tagged with the weight version used.
/// In synchronous A2C it then waits for the learner's next weights before stepping again.
/// </summary>
public sealed class RolloutActor<TObs> : InstrumentedReceiveActor where TObs : unmanaged, INumber<TObs>
{
    private readonly TrainingRecipe _recipe;
    private readonly int _index;
    private readonly IActorRef _learner;
    private readonly BoxSpace _observationSpace;
    private readonly Space _actionSpace;
    private readonly long[] _observationShape;
    private readonly NStepTransitionBuilder<TObs> _transitions;
    private readonly A2CHyperparameters _hyper;
    private readonly Random _faults;
    private readonly int _batchThreshold;
    private readonly List<EpisodeStatistics> _episodes = [];

    // The environment's current incarnation, told directly rather than through its backoff
    // supervisor: that would be a second message hop on every vector step.
    private IActorRef? _environment;
    private ActorCritic? _net;
    private A2CGradients? _gradients;
    private IPolicySampler? _sampler;
    private long _version = -1;
    private long _awaitingVersion = -1;
    private TObs[]? _observations;
    private int[] _actions;
    private long _frames;
    private int _environmentStarts;
    private int _unreportedEnvironmentRestarts;
    private bool _stepInFlight;
    private int _batchesInFlight;

    private readonly IActorRef? _inference;

    /// <param name="inference">The central inference actor (GA3C), or null to act with a local policy copy.</param>
    public RolloutActor(TrainingRecipe recipe, int index, IActorRef learner, IActorRef? inference, BoxSpace observationSpace, Space actionSpace)
    {
        _recipe = recipe;
        _index = index;
        _learner = learner;
        _inference = inference;
        _observationSpace = observationSpace;
        _actionSpace = actionSpace;
        _observationShape = ActorCriticFactory.ObservationShape(observationSpace);
        var training = recipe.Training;
        var envs = recipe.Environment.EnvsPerWorker;
        _hyper = Hyperparameters(training);
        _transitions = new NStepTransitionBuilder<TObs>(envs, observationSpace.Size, training.RewardSteps, training.Gamma);
        // Not seeded: a restarted incarnation must not crash again at the very same step.
        _faults = new Random();
        _actions = new int[envs];
        _batchThreshold = training.Mode switch
        {
            TrainingMode.A3CGrad => training.GradBatch,
            _ => Math.Max(1, training.BatchSize / training.Workers),
        };

        Receive<WeightSnapshot>(OnWeights);
        Receive<EnvironmentStarted>(_ => OnEnvironmentStarted());
        Receive<EnvironmentReady<TObs>>(OnEnvironmentReady);
        Receive<EnvironmentStepped<TObs>>(OnStepped);
        Receive<InferenceReply>(reply =>
        {
            reply.Actions.CopyTo(_actions, 0);
            _environment!.Tell(new StepEnvironments(reply.Actions), Self);
        });
        Receive<BatchConsumed>(_ =>
        {
            _batchesInFlight--;
            ActIfReady();
        });
    }

    /// <summary>A rollout actor under a backoff supervisor: a crash restarts it after a growing pause, and it registers anew.</summary>
    public static Props Supervised(TrainingRecipe recipe, int index, IActorRef learner, IActorRef? inference, BoxSpace observationSpace, Space actionSpace) =>
        Restarting.WithBackoff(Props.Create(() => new RolloutActor<TObs>(recipe, index, learner, inference, observationSpace, actionSpace)), "rollout");

    private ulong WorkerSeed => _recipe.Training.Seed + 1000UL * (ulong)(_index + 1);

    internal static A2CHyperparameters Hyperparameters(TrainingSettings t) => new()
    {
        Gamma = t.Gamma,
        RewardSteps = t.RewardSteps,
        EntropyBeta = t.EntropyBeta,
        ValueCoefficient = t.ValueCoefficient,
        ClipGradNorm = t.ClipGrad,
    };

    protected override void PreStart()
    {
        var environment = Props.Create(() => new EnvironmentActor<TObs>(_recipe.Environment, Self, _recipe.Faults.EnvCrashProbability));
        Context.ActorOf(Restarting.WithBackoff(environment, "environment"), "environment");
        _learner.Tell(new RegisterWorker(Self, _index), Self);
    }

    protected override void PostStop()
    {
        _net?.Dispose();
        _sampler?.Dispose();
    }

    private void OnWeights(WeightSnapshot snapshot)
    {
        if (snapshot.Version <= _version) return;
        _version = snapshot.Version;
        // Gradient-parallel workers compute gradients on a libtorch copy of the network; with central
        // inference, that is the only use of the weights here.
        if (_recipe.Training.Mode == TrainingMode.A3CGrad)
        {
            _net ??= ActorCriticFactory.Create(_observationSpace, _actionSpace, _recipe.Training.Hidden, WorkerSeed);
            _gradients ??= new A2CGradients(_net, torch.CPU, _observationShape, _hyper);
            FlatParameters.CopyFrom(_net.ParameterList, snapshot.Weights);
        }
        if (_inference is null)
        {
            // A libtorch sampler acts with the gradient network where there is one, rather than a second copy.
            _sampler ??= ActorCriticFactory.CreateSampler(_observationSpace, _actionSpace, _recipe.Training.Hidden, WorkerSeed + 1, _net);
            _sampler.Load(snapshot.Weights);
        }
        if (_awaitingVersion >= 0 && _version >= _awaitingVersion) _awaitingVersion = -1;
        ActIfReady();
    }

    private void OnEnvironmentStarted()
    {
        // A new incarnation begins new episodes: steps pending from before lead nowhere, and one
        // that replaced a crashed environment must not replay the episodes it crashed in.
        if (++_environmentStarts > 1) _unreportedEnvironmentRestarts++;
        _transitions.Clear();
        _observations = null;
        _stepInFlight = false;
        _environment = Sender;
        var seed = _environmentStarts == 1 ? WorkerSeed : (ulong)Random.Shared.NextInt64();
        _environment.Tell(new ResetEnvironments(seed), Self);
    }

    private void OnEnvironmentReady(EnvironmentReady<TObs> ready)
    {
        _observations = ready.Observations;
        _stepInFlight = false;
        ActIfReady();
    }

    private void OnStepped(EnvironmentStepped<TObs> stepped)
    {
        if (_recipe.Faults.RolloutCrashProbability > 0 && _faults.NextDouble() < _recipe.Faults.RolloutCrashProbability)
            throw new InjectedFaultException();
        // A step of an environment that has since been replaced: its episodes were abandoned.
        if (_observations is null) return;
        _stepInFlight = false;
        _transitions.Add(_observations!, _actions, stepped.Rewards, stepped.Terminated, stepped.Truncated,
            stepped.Observations, stepped.FinalObservations);
        _episodes.AddRange(stepped.Episodes);
        _frames += stepped.Rewards.Length;
        _observations = stepped.Observations;
        if (_transitions.Count >= _batchThreshold) Deliver();
        ActIfReady();
    }

    private void Deliver()
    {
        var report = new WorkerReport([.. _episodes], _frames, _unreportedEnvironmentRestarts);
        _episodes.Clear();
        _frames = 0;
        _unreportedEnvironmentRestarts = 0;
        var batch = _transitions.Drain();
        if (_recipe.Training.Mode == TrainingMode.A3CGrad)
        {
            var statistics = _gradients!.Compute(batch);
            _learner.Tell(new GradientPacket((float[])_gradients.Values.Clone(), _version, statistics, report), Self);
        }
        else
        {
            _learner.Tell(new ExperienceBatch<TObs>(batch, _version, report), Self);
        }
        // Synchronous A2C: the next steps must use the weights this experience produces.
        if (_recipe.Training.Mode == TrainingMode.A2C) _awaitingVersion = _version + 1;
        else _batchesInFlight++;
    }

    /// <summary>Chooses the next actions, here or at the inference actor, unless something must come first.</summary>
    private void ActIfReady()
    {
        if (_stepInFlight || _version < 0 || _observations is null || _awaitingVersion >= 0) return;
        if (_batchesInFlight >= _recipe.Training.MaxInFlight) return;
        _stepInFlight = true;
        if (_inference is not null)
        {
            _inference.Tell(new InferenceRequest<TObs>(_observations, _actions.Length, _version), Self);
            return;
        }
        _sampler!.Sample(_observations, _actions.Length, _actions);
        _environment!.Tell(new StepEnvironments((int[])_actions.Clone()), Self);
    }
}
