using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;
using A3C.Host.Commands;
using A3C.Models.Algorithms;
using A3C.Models.Networks;
using Akka.Actor;

namespace A3C.Host.Tests.Interop;

/// <summary>
/// Runs written straight into a store, shaped as a learner writes them (weights, optimizer state,
/// metadata with the config and mean reward), without training: each step's weights are the
/// initial ones for a seed of that step, so every snapshot holds different weights.
/// </summary>
internal static class StoredRuns
{
    public const int Hidden = 64;

    /// <summary>The recipe every snapshot of a run on <paramref name="environment"/> stores.</summary>
    public static TrainingRecipe Recipe(string run, string environment) => TrainingRecipe.FromConfig(
        RecipeLoader.LoadStored($$"""
            a3c.environment { id = {{environment}}, envs-per-worker = 2 }
            a3c.training { mode = a2c, workers = 1, hidden = {{Hidden}}, optimizer = rmsprop }
            """, "stored-run.conf", [], null), run);

    /// <summary>Stores one checkpoint per (step, mean reward), oldest first, through the run's checkpoint keeper.</summary>
    public static async Task SaveAsync(PersistenceOptions options, string run, string environment, params (long Step, double? MeanReward)[] checkpoints)
    {
        var recipe = Recipe(run, environment);
        await using var store = await CheckpointStore.OpenAsync(options, run, create: true);
        var keeper = store.System.ActorOf(CheckpointKeeper.Props(run, keep: 10, started: null));
        foreach (var (step, meanReward) in checkpoints)
        {
            keeper.Tell(new TakeCheckpoint(new LearnerState(step, step * 100, step, meanReward, DateTimeOffset.UtcNow, "A2C", environment,
                recipe.ConfigText, Weights(recipe, step), Optimizer(recipe, step), RandomState: [])));
            var flushed = await keeper.Ask<CheckpointsFlushed>(new FlushCheckpoints(), TimeSpan.FromMinutes(1));
            Assert.True(flushed.AllStored, flushed.Problem);
        }
    }

    /// <summary>The weights stored at <paramref name="step"/>, as a safetensors file.</summary>
    public static byte[] Weights(TrainingRecipe recipe, long step)
    {
        using var net = Network(recipe, step);
        return NetworkState.SaveWeights(net);
    }

    /// <summary>The network holding the weights stored at <paramref name="step"/>.</summary>
    public static ActorCritic Network(TrainingRecipe recipe, long step)
    {
        var (observations, actions, _) = recipe.Spaces();
        return ActorCriticFactory.Create(observations, actions, recipe.Training.Hidden, (ulong)step);
    }

    private static byte[] Optimizer(TrainingRecipe recipe, long step)
    {
        using var net = Network(recipe, step);
        using var optimizer = new GradientStep(net, recipe.Training.Optimizer, recipe.Training.LearningRate, recipe.Training.AdamEps);
        return optimizer.SaveState();
    }
}
