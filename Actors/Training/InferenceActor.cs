using System.Numerics;
using A3C.Actors.Monitoring;
using Akka.Actor;
using A3C.Actors.Training.Messages;
using System.Runtime.InteropServices;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Actors.Training;

/// <summary>
/// GA3C's central policy: rollout actors send observations instead of running the policy, and
/// this actor answers many of them with one forward pass on the learner's device. Batching needs
/// no timer: the first request of a batch sends a <c>Flush</c> to itself, and since a mailbox is
/// FIFO, every request that arrived before that flush is answered by the same forward pass.
/// On the CPU the batch goes through the rollout workers' own sampler instead (managed code for
/// an MLP, a few microseconds where libtorch costs a native call per op).
/// </summary>
public sealed class InferenceActor<TObs> : InstrumentedReceiveActor, IWithTimers where TObs : unmanaged, INumber<TObs>
{
    private sealed record Flush;

    private sealed record Report;

    private const int ReportEveryBatches = 64;

    private bool _reportedFirstBatch;

    private readonly IActorRef _learner;
    private readonly Device _device;
    private readonly long[] _observationShape;
    private readonly int _observationSize;
    private readonly ActorCritic _net;
    // Set on the CPU; on a GPU the batch is one forward pass on the device.
    private readonly IPolicySampler? _cpuSampler;
    private readonly List<(IActorRef Requester, InferenceRequest<TObs> Request)> _pending = [];
    private readonly List<(IActorRef Requester, InferenceRequest<TObs> Request)> _waitingForWeights = [];
    private long _version = -1;
    private bool _flushScheduled;
    private long _batches, _requests, _observations;

    public InferenceActor(TrainingRecipe recipe, IActorRef learner, BoxSpace observationSpace, Space actionSpace)
    {
        _learner = learner;
        _device = TorchRuntime.Require(recipe.Training.Device);
        _observationShape = ActorCriticFactory.ObservationShape(observationSpace);
        _observationSize = observationSpace.Size;
        _net = ActorCriticFactory.Create(observationSpace, actionSpace, recipe.Training.Hidden, recipe.Training.Seed);
        _net.MoveTo(_device);
        if (_device.type == TorchSharp.DeviceType.CPU)
            _cpuSampler = ActorCriticFactory.CreateSampler(observationSpace, actionSpace, recipe.Training.Hidden, recipe.Training.Seed + 7, _net);

        Receive<WeightSnapshot>(OnWeights);
        Receive<InferenceRequest<TObs>>(OnRequest);
        Receive<Flush>(_ => Answer());
        Receive<Report>(_ => SendReport());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _learner.Tell(new SubscribeToWeights(Self), Self);
        Timers.StartPeriodicTimer("report", new Report(), TimeSpan.FromSeconds(1));
    }

    protected override void PostStop()
    {
        _cpuSampler?.Dispose();
        _net.Dispose();
    }

    private void OnWeights(WeightSnapshot snapshot)
    {
        if (snapshot.Version <= _version) return;
        if (_cpuSampler is not null) _cpuSampler.Load(snapshot.Weights);
        else FlatParameters.CopyFrom(_net.ParameterList, snapshot.Weights);
        _version = snapshot.Version;
        // Requests that needed these weights go into the next batch.
        foreach (var waiting in _waitingForWeights) Enqueue(waiting.Requester, waiting.Request);
        _waitingForWeights.Clear();
    }

    private void OnRequest(InferenceRequest<TObs> request)
    {
        if (request.MinimumVersion > _version) _waitingForWeights.Add((Sender, request));
        else Enqueue(Sender, request);
    }

    private void Enqueue(IActorRef requester, InferenceRequest<TObs> request)
    {
        _pending.Add((requester, request));
        if (_flushScheduled) return;
        _flushScheduled = true;
        Self.Tell(new Flush(), Self);
    }

    private void Answer()
    {
        _flushScheduled = false;
        if (_pending.Count == 0) return;
        var total = _pending.Sum(p => p.Request.Count);
        var observations = new TObs[total * _observationSize];
        var offset = 0;
        foreach (var (_, request) in _pending)
        {
            request.Observations.AsSpan(0, request.Count * _observationSize).CopyTo(observations.AsSpan(offset));
            offset += request.Count * _observationSize;
        }

        var actions = new int[total];
        if (_cpuSampler is not null) _cpuSampler.Sample(observations, total, actions);
        else SampleOnDevice(observations, total, actions);

        var row = 0;
        foreach (var (requester, request) in _pending)
        {
            requester.Tell(new InferenceReply(actions[row..(row + request.Count)], _version), Self);
            row += request.Count;
        }
        _batches++;
        _requests += _pending.Count;
        _observations += total;
        _pending.Clear();
        // The first batch is reported at once and then every few dozen, so a run shorter than the
        // report interval shows its batching too; the timer reports what is left of a slow one.
        if (!_reportedFirstBatch || _batches >= ReportEveryBatches)
        {
            _reportedFirstBatch = true;
            SendReport();
        }
    }

    private void SampleOnDevice(TObs[] observations, int count, Span<int> actions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = Observations.ToTensor(observations, count, _observationShape, _device);
        var chosen = nn.functional.softmax(_net.forward(input), 1).multinomial(1).cpu().contiguous();
        var drawn = MemoryMarshal.Cast<byte, long>(chosen.bytes);
        for (var i = 0; i < count; i++) actions[i] = (int)drawn[i];
    }

    private void SendReport()
    {
        if (_batches == 0) return;
        _learner.Tell(new InferenceReport(_batches, _requests, _observations), Self);
        _batches = _requests = _observations = 0;
    }
}
