using System.Numerics;
using A3C.Actors.Monitoring;
using Akka.Actor;
using A3C.Actors.Training.Messages;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>
/// The root of one run: it starts the learner and one backoff-supervised rollout actor per worker
/// (each with its environment actor below it), and completes <paramref name="completion"/> when
/// the learner reports the end of training or fails.
/// <code>
///   run ── learner
///       ├─ inference                  (GA3C central inference, when configured)
///       └─ workers ── worker-0 (backoff) ── rollout ── environment (backoff) ── environment
///                  └─ worker-1 ...
/// </code>
/// </summary>
public sealed class TrainingRun<TObs> : InstrumentedReceiveActor where TObs : unmanaged, INumber<TObs>
{
    private readonly TrainingRecipe _recipe;
    private readonly BoxSpace _observationSpace;
    private readonly Space _actionSpace;
    private readonly TaskCompletionSource<TrainingFinished> _completion;
    private readonly LearnerCheckpoints? _checkpoints;
    private IActorRef? _learner;
    private IActorRef? _inference;

    public TrainingRun(TrainingRecipe recipe, BoxSpace observationSpace, Space actionSpace, TaskCompletionSource<TrainingFinished> completion,
        LearnerCheckpoints? checkpoints = null)
    {
        _recipe = recipe;
        _checkpoints = checkpoints;
        _observationSpace = observationSpace;
        _actionSpace = actionSpace;
        _completion = completion;
        Receive<TrainingFinished>(OnFinished);
        Receive<Terminated>(t => t.ActorRef.Equals(_learner), _ => Fail(new InvalidOperationException("the learner stopped before training finished")));
    }

    protected override void PreStart()
    {
        _learner = Context.ActorOf(Props.Create(() => new LearnerActor<TObs>(_recipe, _observationSpace, _actionSpace, _checkpoints)), "learner");
        Context.Watch(_learner);
        if (_recipe.Training.Inference == Settings.InferenceMode.Central)
            _inference = Context.ActorOf(Props.Create(() => new InferenceActor<TObs>(_recipe, _learner, _observationSpace, _actionSpace)), "inference");
        var workers = Context.ActorOf(Props.Create(() => new WorkerPool(_recipe.LocalWorkers ?? _recipe.Training.Workers, WorkerProps)), "workers");
        Context.Watch(workers);
    }

    // The learner holds the global weights: if it fails, the run fails rather than silently
    // starting again from random weights.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(cause =>
    {
        Fail(cause);
        return Directive.Stop;
    });

    private Props WorkerProps(int index) =>
        RolloutActor<TObs>.Supervised(_recipe, index, _learner!, _inference, _observationSpace, _actionSpace);

    private void OnFinished(TrainingFinished finished)
    {
        _completion.TrySetResult(finished);
        Context.Stop(Self);
    }

    private void Fail(Exception cause)
    {
        _completion.TrySetException(new TrainingFailedException($"training run '{_recipe.RunName}' failed: {cause.Message}", cause));
        Context.Stop(Self);
    }
}
