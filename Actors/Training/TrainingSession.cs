using System.Numerics;
using A3C.Actors.Runtime;
using A3C.Actors.Training.Messages;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>
/// Runs a recipe to its end in this process (the embedded default): an actor system with the run,
/// the learner and the workers, progress reported as it comes.
/// </summary>
public static class TrainingSession
{
    public static async Task<TrainingFinished> RunAsync(TrainingRecipe recipe, ActorSystemSettings? systemSettings = null,
        Action<TrainingProgress>? onProgress = null, CancellationToken cancellationToken = default)
    {
        var (observationSpace, actionSpace, elementType) = recipe.Spaces();
        return elementType == ElementType.UInt8
            ? await RunAsync<byte>(recipe, observationSpace, actionSpace, systemSettings, onProgress, cancellationToken)
            : await RunAsync<float>(recipe, observationSpace, actionSpace, systemSettings, onProgress, cancellationToken);
    }

    private static async Task<TrainingFinished> RunAsync<TObs>(TrainingRecipe recipe, BoxSpace observationSpace, Space actionSpace,
        ActorSystemSettings? systemSettings, Action<TrainingProgress>? onProgress, CancellationToken cancellationToken)
        where TObs : unmanaged, INumber<TObs>
    {
        var system = ActorSystem.Create("a3c", systemSettings);
        using var subscription = onProgress is null ? null : system.EventStream.Subscribe(onProgress);
        var completion = new TaskCompletionSource<TrainingFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var cancel = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        try
        {
            system.ActorOf(Props.Create(() => new TrainingRun<TObs>(recipe, observationSpace, actionSpace, completion)), "run");
            return await completion.Task;
        }
        finally
        {
            await system.Terminate();
        }
    }
}
