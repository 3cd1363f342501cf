using System.Numerics;
using Akka;
using Akka.Actor;
using A3C.Actors.Training.Messages;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>
/// Runs a recipe to its end in an actor system (every actor in this process, the embedded
/// default): the run actor with the learner and the workers below it. Progress is published on
/// the system's event stream (<see cref="TrainingProgress"/>) as it comes.
/// </summary>
/// <remarks>
/// The run takes part in the system's <see cref="CoordinatedShutdown"/>: when the system shuts
/// down (Ctrl+C or SIGTERM in the host), the run is stopped gracefully in the service-stop phase,
/// so the learner takes its final checkpoint before the actors are gone, and the session ends
/// with an <see cref="OperationCanceledException"/>. With <c>checkpoints</c> the learner snapshots
/// and journals the run; whoever created them disposes them after this returns, which waits for
/// the final snapshot to be stored.
/// </remarks>
public static class TrainingSession
{
    /// <summary>The actor system's name, on every node of a cluster alike (it is part of each address).</summary>
    public const string SystemName = "a3c";

    /// <summary>How long the run may take to stop (the learner's final checkpoint is handed over on the way).</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <param name="cancellationToken">Stops the run as a shutdown would, without shutting the system down.</param>
    public static Task<TrainingFinished> RunAsync(ActorSystem system, TrainingRecipe recipe, LearnerCheckpoints? checkpoints = null,
        CancellationToken cancellationToken = default)
    {
        var (observationSpace, actionSpace, elementType) = recipe.Spaces();
        return elementType == ElementType.UInt8
            ? RunAsync<byte>(system, recipe, observationSpace, actionSpace, checkpoints, cancellationToken)
            : RunAsync<float>(system, recipe, observationSpace, actionSpace, checkpoints, cancellationToken);
    }

    private static async Task<TrainingFinished> RunAsync<TObs>(ActorSystem system, TrainingRecipe recipe, BoxSpace observationSpace,
        Space actionSpace, LearnerCheckpoints? checkpoints, CancellationToken cancellationToken)
        where TObs : unmanaged, INumber<TObs>
    {
        var completion = new TaskCompletionSource<TrainingFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = system.ActorOf(Props.Create(() => new TrainingRun<TObs>(recipe, observationSpace, actionSpace, completion, checkpoints)), "run");

        async Task<Done> Stop()
        {
            await run.GracefulStop(StopTimeout);
            completion.TrySetCanceled();
            return Done.Instance;
        }

        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceStop, "stop-training-run", Stop);
        await using var cancel = cancellationToken.Register(() => _ = Stop());
        try
        {
            return await completion.Task;
        }
        finally
        {
            // However it ended, the learner has stopped (and handed over its final checkpoint) before this returns.
            await run.GracefulStop(StopTimeout);
        }
    }
}
