using System.Numerics;
using A3C.Actors.Runtime;
using A3C.Actors.Training.Messages;
using A3C.LibTorch;
using A3C.LibTorch.Nn;
using A3C.Models.Algorithms;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>
/// GA3C's central policy: rollout actors send observations instead of running the policy, and
/// this actor answers many of them with one forward pass on the learner's device. Batching needs
/// no timer: the first request of a batch sends a <c>Flush</c> to itself, and since a mailbox is
/// FIFO, every request that arrived before that flush is answered by the same forward pass.
/// </summary>
public sealed class InferenceActor<TObs> : ReceiveActor, IWithTimers where TObs : unmanaged, INumber<TObs>
{
    private sealed record Flush;

    private sealed record Report;

    private bool _reportedFirstBatch;

    private readonly IActorRef _learner;
    private readonly Device _device;
    private readonly long[] _observationShape;
    private readonly int _observationSize;
    private readonly ActorCritic _net;
    private readonly Generator _generator;
    private readonly List<(IActorRef Requester, InferenceRequest<TObs> Request)> _pending = [];
    private readonly List<(IActorRef Requester, InferenceRequest<TObs> Request)> _waitingForWeights = [];
    private long _version = -1;
    private bool _flushScheduled;
    private long _batches, _requests, _observations;

    public InferenceActor(TrainingRecipe recipe, IActorRef learner, BoxSpace observationSpace, Space actionSpace)
    {
        _learner = learner;
        _device = Torch.RequireDevice(Device.Parse(recipe.Training.Device));
        _observationShape = ActorCriticFactory.ObservationShape(observationSpace);
        _observationSize = observationSpace.Size;
        _net = ActorCriticFactory.Create(observationSpace, actionSpace, recipe.Training.Hidden, recipe.Training.Seed);
        _net.To(_device);
        _generator = new Generator(recipe.Training.Seed + 7);

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
        _net.Dispose();
        _generator.Dispose();
    }

    private void OnWeights(WeightSnapshot snapshot)
    {
        if (snapshot.Version <= _version) return;
        FlatParameters.CopyFrom(_net.Parameters(), snapshot.Weights);
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
        using (Torch.NewDisposeScope())
        using (Torch.NoGrad())
        {
            var input = Observations.ToTensor(observations, total, _observationShape, _device);
            var chosen = _net.Forward(input).Softmax(1).Multinomial(1, generator: _device.IsCuda ? null : _generator).Cpu();
            var span = chosen.AsSpan<long>();
            for (var i = 0; i < total; i++) actions[i] = (int)span[i];
        }

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
        // The first batch is reported at once, so even a run shorter than the report interval shows its batching.
        if (!_reportedFirstBatch)
        {
            _reportedFirstBatch = true;
            SendReport();
        }
    }

    private void SendReport()
    {
        if (_batches == 0) return;
        _learner.Tell(new InferenceReport(_batches, _requests, _observations), Self);
        _batches = _requests = _observations = 0;
    }
}
