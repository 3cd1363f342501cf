using System.Diagnostics;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Models.Algorithms;
using A3C.Models.Networks;
using Akka;
using Akka.Actor;

namespace A3C.Actors.Training;

/// <summary>
/// The learner's link to its run's checkpoints: it copies weights, Adam state and counters to a
/// <see cref="LearnerState"/> every <c>checkpoint-interval</c> updates (at most one per
/// <c>checkpoint-min-period</c>) and once more at shutdown, and hands it to the run's
/// <see cref="CheckpointKeeper"/>, which stores it through Akka.Persistence.
/// </summary>
/// <remarks>
/// The learner only pays for copying its state to bytes: the hand-over is a <c>Tell</c>. The keeper
/// is flushed once, either by <see cref="DisposeAsync"/> (after the training actors have stopped) or
/// by the system's <see cref="CoordinatedShutdown"/> before the system terminates (Ctrl+C, SIGTERM),
/// so the final state is stored, or said to be lost, however the run ends.
/// </remarks>
public sealed class LearnerCheckpoints : IAsyncDisposable
{
    // Long enough for the final snapshot of a large network on a slow disk; the keeper answers on its own once its write times out.
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromMinutes(3);

    private readonly TrainingRecipe _recipe;
    private readonly IActorRef _keeper;
    private readonly IActorRef _reporter;
    private long _lastSavedVersion = -1;
    private long? _lastSavedAt;
    private readonly Lazy<Task<CheckpointsFlushed?>> _flushed;

    /// <param name="system">An actor system configured for the run's checkpoint store (<see cref="CheckpointStore"/>).</param>
    /// <param name="holder">The process training the run, as its lock names it; journalled with the run's start.</param>
    /// <param name="onProblem">Told about each checkpoint that could not be stored; training goes on and the state is kept.</param>
    /// <param name="name">The keeper's actor name: one per run in a system.</param>
    public LearnerCheckpoints(ActorSystem system, TrainingRecipe recipe, string holder, Action<string>? onProblem = null, string name = "checkpoints")
    {
        _recipe = recipe;
        var started = new RunStarted(recipe.Training.Mode.ToString(), recipe.Environment.Id, recipe.ResumeFrom?.SequenceNr, holder, DateTimeOffset.UtcNow);
        _keeper = system.ActorOf(CheckpointKeeper.Props(recipe.RunName, recipe.Persistence.Keep, started), name);
        _reporter = system.ActorOf(CheckpointProblemReporter.Props(problem => onProblem?.Invoke(problem)), $"{name}-problems");
        _flushed = new Lazy<Task<CheckpointsFlushed?>>(FlushAsync);
        // After the run has stopped (service-stop) and before the keeper is stopped with the system.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "store-final-checkpoint", async () =>
        {
            await _flushed.Value;
            return Done.Instance;
        });
    }

    public string Run => _recipe.RunName;

    /// <summary>
    /// Once disposed: whether the final snapshot (<see cref="Stopped"/>'s) was stored; null when
    /// the learner never stopped.
    /// </summary>
    public bool? FinalSnapshotStored { get; private set; }

    /// <summary>The step of the final snapshot; null when the learner never stopped.</summary>
    public long? FinalStep { get; private set; }

    /// <summary>The start of the run is journalled by the keeper; nothing to do on the learner's side.</summary>
    public void Started(long version, ActorCritic net, GradientStep optimizer, ProgressTracker progress)
    {
    }

    /// <summary>Workers come and go in the training log and metrics; the checkpoint journal records checkpoints.</summary>
    public void WorkerRegistered(int index, bool restarted)
    {
    }

    /// <summary>
    /// After each update: a checkpoint when <paramref name="version"/> is a multiple of the interval
    /// and the minimum period has passed since the previous one.
    /// </summary>
    public void Updated(long version, ActorCritic net, GradientStep optimizer, ProgressTracker progress)
    {
        var persistence = _recipe.Persistence;
        // A skipped update leaves the version where it was: one checkpoint per version.
        if (persistence.CheckpointInterval > 0 && version % persistence.CheckpointInterval == 0 && version != _lastSavedVersion &&
            (_lastSavedAt is not { } last || Stopwatch.GetElapsedTime(last) >= persistence.CheckpointMinPeriod))
        {
            Save(version, net, optimizer, progress);
        }
    }

    /// <summary>
    /// At shutdown: the final checkpoint. When the last update was already checkpointed it is
    /// stored again: the weights are the same, but frames and episodes counted since belong in it.
    /// </summary>
    public void Stopped(string reason, long version, ActorCritic net, GradientStep optimizer, ProgressTracker progress)
    {
        Save(version, net, optimizer, progress);
        FinalStep = version;
    }

    /// <summary>Waits until every state handed over is stored, or the keeper says what was not.</summary>
    public async ValueTask DisposeAsync()
    {
        var flushed = await _flushed.Value;
        if (FinalStep is not null) FinalSnapshotStored = flushed?.AllStored ?? false;
    }

    private async Task<CheckpointsFlushed?> FlushAsync()
    {
        try
        {
            return await _keeper.Ask<CheckpointsFlushed>(new FlushCheckpoints(), FlushTimeout);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return null; // no answer: whether the final state was stored is unknown, so it counts as lost
        }
        finally
        {
            _keeper.Tell(PoisonPill.Instance);
            await StopReporterAsync();
        }
    }

    // The keeper published every problem before it answered the flush: once the reporter has stopped, all are reported.
    private async Task StopReporterAsync()
    {
        try
        {
            await _reporter.GracefulStop(FlushTimeout);
        }
        catch (Exception e) when (e is TaskCanceledException or AskTimeoutException)
        {
            // A system already shutting down stops it anyway; nothing more can be reported then.
        }
    }

    private void Save(long version, ActorCritic net, GradientStep optimizer, ProgressTracker progress)
    {
        _lastSavedVersion = version;
        _lastSavedAt = Stopwatch.GetTimestamp();
        var meanReward = progress.MeanReward;
        _keeper.Tell(new TakeCheckpoint(new LearnerState(version, progress.Frames, progress.Episodes,
            double.IsFinite(meanReward) ? meanReward : null, DateTimeOffset.UtcNow,
            _recipe.Training.Mode.ToString(), _recipe.Environment.Id, _recipe.ConfigText,
            NetworkState.SaveWeights(net), optimizer.SaveState(),
            // The learner draws no random numbers of its own (sampling is the workers'): nothing to keep yet.
            RandomState: [])));
    }
}
