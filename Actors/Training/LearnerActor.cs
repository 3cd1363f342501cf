using System.Numerics;
using A3C.Actors.Monitoring;
using Akka.Actor;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;

namespace A3C.Actors.Training;

/// <summary>
/// Owns the global network and its optimizer. It applies what workers send (experience batches or
/// gradient packets), publishes versioned <see cref="WeightSnapshot"/>s, keeps the training
/// figures, and tells its parent when the reward bound is reached or the frame budget is spent.
/// A non-finite loss or gradient is skipped and counted, never applied. With
/// <see cref="LearnerCheckpoints"/> it snapshots its state as it goes, and a recipe with a
/// <see cref="TrainingRecipe.ResumeFrom"/> starts from a stored state instead of fresh weights, one with
/// <see cref="TrainingRecipe.InitFrom"/> from exported weights (and a fresh optimizer).
/// </summary>
public sealed class LearnerActor<TObs> : InstrumentedReceiveActor, IWithTimers where TObs : unmanaged, INumber<TObs>
{
    private sealed record PublishProgress;

    private readonly TrainingRecipe _recipe;
    private readonly TrainingSettings _settings;
    private readonly ActorCritic _net;
    private readonly A2CGradients _gradients;
    private readonly GradientStep _step;
    private readonly ProgressTracker _progress;
    private readonly LearnerCheckpoints? _checkpoints;
    private readonly Dictionary<IActorRef, int> _workers = [];
    private readonly HashSet<int> _seenWorkerIndices = [];
    private readonly HashSet<IActorRef> _subscribers = [];

    // Synchronous A2C: one batch per worker at the current version.
    private readonly Dictionary<IActorRef, TransitionBatch<TObs>> _roundBatches = [];

    // Data-parallel A3C: experience waiting for a full batch.
    private readonly List<TransitionBatch<TObs>> _pending = [];
    private readonly List<IActorRef> _pendingSenders = [];
    private int _pendingCount;
    private long _pendingStaleness;

    // Gradient-parallel A3C: the running sum of packets for the next step (one buffer for the run:
    // for the Atari network a fresh one per update would be 13 MB of large-object garbage).
    private readonly float[] _gradientSum;
    private int _packets;
    private readonly List<IActorRef> _packetSenders = [];
    private long _packetStaleness;
    private A2CStatistics? _packetStatistics;

    private readonly int _localWorkers;
    private bool _weightsSent;
    private WeightSnapshot _snapshot;
    private bool _reportedFirstUpdate;
    private StopReason? _stopReason;

    public LearnerActor(TrainingRecipe recipe, BoxSpace observationSpace, Space actionSpace, LearnerCheckpoints? checkpoints = null)
    {
        _recipe = recipe;
        _settings = recipe.Training;
        var device = TorchRuntime.Require(_settings.Device);
        _net = ActorCriticFactory.Create(observationSpace, actionSpace, _settings.Hidden, _settings.Seed);
        _net.MoveTo(device);
        _gradients = new A2CGradients(_net, device, ActorCriticFactory.ObservationShape(observationSpace),
            RolloutActor<TObs>.Hyperparameters(_settings));
        _step = new GradientStep(_net, _settings.Optimizer, _settings.LearningRate, _settings.AdamEps);
        _progress = new ProgressTracker(_settings.RewardWindow, _settings.LearningRate);
        _checkpoints = checkpoints;
        _localWorkers = recipe.LocalWorkers ?? _settings.Workers;
        _gradientSum = new float[_net.ParameterCount];
        if (recipe.ResumeFrom is { } resume)
        {
            resume.Restore(_net, _step);
            _progress.ContinueFrom(resume.SequenceNr, resume.Counters.Frames, resume.Counters.Episodes);
        }
        else if (recipe.InitFrom is { } initial)
        {
            NetworkState.LoadWeights(_net, initial.Weights); // Checked to fit before the run started.
        }
        _snapshot = new WeightSnapshot(recipe.ResumeFrom?.SequenceNr ?? 0, FlatParameters.Export(_net.ParameterList));

        Receive<RegisterWorker>(OnRegister);
        Receive<Terminated>(OnWorkerTerminated);
        Receive<ExperienceBatch<TObs>>(OnExperience);
        Receive<GradientPacket>(OnGradients);
        Receive<SubscribeToWeights>(subscribe =>
        {
            _subscribers.Add(subscribe.Subscriber);
            Context.Watch(subscribe.Subscriber);
            subscribe.Subscriber.Tell(_snapshot, Self);
        });
        Receive<InferenceReport>(_progress.Record);
        Receive<DescribeRun>(_ => Sender.Tell(new RunDescription(recipe.RunName, recipe.Environment.Id, _settings.Mode, _settings.Inference,
            _net.ParameterCount), Self));
        Receive<PublishProgress>(_ => Publish(_progress.Snapshot()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool Finished => _stopReason is not null;

    /// <summary>The weight version: how many updates have been applied.</summary>
    private long Version => _snapshot.Version;

    /// <summary>
    /// The version of the weights the network holds now: ahead of <see cref="Version"/> between
    /// broadcasts, and ahead of the update count after skipped synchronous rounds.
    /// </summary>
    private long CurrentVersion => Math.Max(_progress.Updates, Version);

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("progress", new PublishProgress(), _settings.ProgressInterval);
        _checkpoints?.Started(CurrentVersion, _net, _step, _progress);
    }

    // Runs however the run ends (finished, cancelled or failed), before the weights are released.
    protected override void PostStop()
    {
        _checkpoints?.Stopped(_stopReason?.ToString() ?? "Stopped", CurrentVersion, _net, _step, _progress);
        _step.Dispose();
        _net.Dispose();
    }

    private void OnRegister(RegisterWorker register)
    {
        Context.Watch(register.Worker);
        _workers[register.Worker] = register.Index;
        var restarted = !_seenWorkerIndices.Add(register.Index);
        if (restarted) _progress.RecordWorkerRestart();
        _checkpoints?.WorkerRegistered(register.Index, restarted);
        // The first weights go out once the run's own workers have all registered: a worker that
        // started acting alone would make the first synchronous rounds depend on which worker
        // started first, and a seeded run would not repeat. Workers that join later (a worker node,
        // a restarted worker) get the current weights at once.
        if (_workers.Count < _localWorkers && !_weightsSent) return;
        if (!_weightsSent)
        {
            _weightsSent = true;
            foreach (var worker in _workers.Keys) worker.Tell(_snapshot, Self);
            return;
        }
        register.Worker.Tell(_snapshot, Self);
    }

    private void OnWorkerTerminated(Terminated terminated)
    {
        _workers.Remove(terminated.ActorRef);
        _subscribers.Remove(terminated.ActorRef);
        // A batch it already delivered is good experience; the round now waits for the others only.
        if (_settings.Mode == TrainingMode.A2C) TryCompleteRound();
    }

    private void OnExperience(ExperienceBatch<TObs> experience)
    {
        if (Finished) return;
        _progress.Record(experience.Report, Sender.Path.Address);
        if (_settings.Mode == TrainingMode.A2C)
        {
            // One batch per worker per version: a late or repeated batch is not applied twice.
            if (experience.WeightVersion == Version && _workers.ContainsKey(Sender)) _roundBatches.TryAdd(Sender, experience.Transitions);
            TryCompleteRound();
        }
        else
        {
            _pending.Add(experience.Transitions);
            _pendingSenders.Add(Sender);
            _pendingCount += experience.Transitions.Count;
            _pendingStaleness += (Version - experience.WeightVersion) * experience.Transitions.Count;
            if (_pendingCount >= _settings.BatchSize)
            {
                var staleness = _pendingStaleness / Math.Max(1, _pendingCount);
                var batch = TransitionBatch<TObs>.Concat(_pending);
                _pending.Clear();
                _pendingCount = 0;
                _pendingStaleness = 0;
                Train(batch, staleness);
                Acknowledge(_pendingSenders);
            }
        }
        CheckFinished();
    }

    private void TryCompleteRound()
    {
        if (_roundBatches.Count == 0 || _workers.Keys.Any(w => !_roundBatches.ContainsKey(w))) return;
        // Joined in worker order, not arrival order, so a seeded run is reproducible.
        var batch = TransitionBatch<TObs>.Concat([.. _roundBatches.OrderBy(b => _workers.GetValueOrDefault(b.Key, int.MaxValue)).Select(b => b.Value)]);
        _roundBatches.Clear();
        Train(batch, staleness: 0);
    }

    private void Train(TransitionBatch<TObs> batch, long staleness)
    {
        var statistics = _gradients.Compute(batch);
        Step(_gradients.Values, _gradients.InParameters, statistics, staleness);
    }

    private void OnGradients(GradientPacket packet)
    {
        if (Finished) return;
        _progress.Record(packet.Report, Sender.Path.Address);
        if (packet.Gradients.Length != _gradientSum.Length)
            throw new InvalidOperationException(
                $"gradient packet from {Sender.Path} has {packet.Gradients.Length} values, the network has {_gradientSum.Length} parameters");
        for (var i = 0; i < _gradientSum.Length; i++) _gradientSum[i] += packet.Gradients[i];
        _packets++;
        _packetStaleness += Version - packet.WeightVersion;
        _packetStatistics = packet.Statistics;
        _packetSenders.Add(Sender);
        if (_packets >= _settings.TrainBatch)
        {
            var staleness = _packetStaleness / _packets;
            Step(_gradientSum, inParameters: false, _packetStatistics, staleness);
            Array.Clear(_gradientSum);
            _packets = 0;
            _packetStaleness = 0;
            Acknowledge(_packetSenders);
        }
        CheckFinished();
    }

    /// <summary>Clips and applies <paramref name="gradients"/>, then publishes new weights when due.</summary>
    private void Step(float[] gradients, bool inParameters, A2CStatistics statistics, long staleness)
    {
        var (l2, max, variance) = A2CGradients.Statistics(gradients);
        if (!double.IsFinite(statistics.Loss) || _step.Apply(gradients, inParameters, _settings.ClipGrad) is null)
        {
            _progress.RecordSkippedUpdate();
            BroadcastWeights(force: _settings.Mode == TrainingMode.A2C); // synchronous workers wait for a version
        }
        else
        {
            _progress.RecordUpdate(statistics with { GradientL2 = l2, GradientMax = max, GradientVariance = variance }, staleness);
            // The first update is news, training has begun: reported at once, later ones every progress interval.
            if (!_reportedFirstUpdate)
            {
                _reportedFirstUpdate = true;
                Publish(_progress.Snapshot());
            }
            BroadcastWeights(force: false);
        }
        _checkpoints?.Updated(CurrentVersion, _net, _step, _progress);
    }

    private void BroadcastWeights(bool force)
    {
        var version = _progress.Updates;
        if (!force && version % _settings.WeightBroadcastInterval != 0 && _settings.Mode != TrainingMode.A2C) return;
        // After a skipped synchronous round the version still moves on, so waiting workers resume.
        _snapshot = new WeightSnapshot(Math.Max(version, Version + (force ? 1 : 0)), FlatParameters.Export(_net.ParameterList));
        foreach (var worker in _workers.Keys) worker.Tell(_snapshot, Self);
        foreach (var subscriber in _subscribers) subscriber.Tell(_snapshot, Self);
    }

    private void Acknowledge(List<IActorRef> senders)
    {
        foreach (var sender in senders) sender.Tell(new BatchConsumed(), Self);
        senders.Clear();
    }

    private void CheckFinished()
    {
        if (Finished) return;
        StopReason? reason = null;
        if (_settings.RewardBound is { } bound && _progress.WindowFull && _progress.MeanReward >= bound) reason = StopReason.RewardBoundReached;
        else if (_progress.Frames >= _settings.MaxFrames) reason = StopReason.FrameBudgetSpent;
        if (reason is null) return;
        _stopReason = reason;
        var progress = _progress.Snapshot();
        Publish(progress);
        Context.Parent.Tell(new TrainingFinished(reason.Value, progress), Self);
    }

    private void Publish(TrainingProgress progress) => Context.System.EventStream.Publish(progress);
}
