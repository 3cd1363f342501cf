using System.Numerics;
using A3C.Actors.Runtime;
using A3C.Actors.Training.Messages;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>
/// Runs a recipe to its end in this process (the embedded default): an actor system with the run,
/// the learner and the workers, progress reported as it comes.
/// </summary>
/// <remarks>
/// With <c>checkpoints</c> the learner snapshots and journals the run; whoever created them disposes
/// them after this returns, which waits for the final snapshot to be stored.
/// </remarks>
public static class TrainingSession
{
    /// <summary>The actor system's name, on every node of a cluster alike (it is part of each address).</summary>
    public const string SystemName = "a3c";

    /// <param name="onSystemStarted">
    /// Called with the actor system before the run starts, to attach what observes it (the
    /// metrics endpoint, say); what it returns is disposed when the run ends.
    /// </param>
    public static async Task<TrainingFinished> RunAsync(TrainingRecipe recipe, ActorSystemSettings? systemSettings = null,
        Action<TrainingProgress>? onProgress = null, Func<ActorSystem, Task<IAsyncDisposable?>>? onSystemStarted = null,
        LearnerCheckpoints? checkpoints = null, CancellationToken cancellationToken = default)
    {
        var (observationSpace, actionSpace, elementType) = recipe.Spaces();
        return elementType == ElementType.UInt8
            ? await RunAsync<byte>(recipe, observationSpace, actionSpace, systemSettings, onProgress, onSystemStarted, checkpoints, cancellationToken)
            : await RunAsync<float>(recipe, observationSpace, actionSpace, systemSettings, onProgress, onSystemStarted, checkpoints, cancellationToken);
    }

    private static async Task<TrainingFinished> RunAsync<TObs>(TrainingRecipe recipe, BoxSpace observationSpace, Space actionSpace,
        ActorSystemSettings? systemSettings, Action<TrainingProgress>? onProgress, Func<ActorSystem, Task<IAsyncDisposable?>>? onSystemStarted,
        LearnerCheckpoints? checkpoints, CancellationToken cancellationToken)
        where TObs : unmanaged, INumber<TObs>
    {
        var system = ActorSystem.Create(SystemName, systemSettings);
        using var subscription = onProgress is null ? null : system.EventStream.Subscribe(onProgress);
        await using var attached = onSystemStarted is null ? null : await onSystemStarted(system);
        var completion = new TaskCompletionSource<TrainingFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var cancel = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        try
        {
            system.ActorOf(Props.Create(() => new TrainingRun<TObs>(recipe, observationSpace, actionSpace, completion, checkpoints)), "run");
            return await completion.Task;
        }
        finally
        {
            await system.Terminate();
        }
    }
}
