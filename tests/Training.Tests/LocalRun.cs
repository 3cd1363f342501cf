using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using Akka.Actor;
using Akka.Configuration;

namespace A3C.Training.Tests;

/// <summary>Runs a recipe in an actor system of its own, as <c>a3c train</c> does, and shuts the system down after.</summary>
internal static class LocalRun
{
    // Injected faults would print an error line each; the tests count restarts instead.
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = OFF, akka.stdout-loglevel = OFF");

    public static async Task<TrainingFinished> RunAsync(TrainingRecipe recipe, Action<TrainingProgress>? onProgress = null,
        LearnerCheckpoints? checkpoints = null, CancellationToken cancellationToken = default)
    {
        using var system = ActorSystem.Create(TrainingSession.SystemName, Quiet);
        try
        {
            await using var listener = onProgress is null ? null : EventStreamListener.Start(system, onProgress);
            return await TrainingSession.RunAsync(system, recipe, checkpoints, cancellationToken);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
