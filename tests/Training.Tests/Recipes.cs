using A3C.Actors.Training;
using A3C.Configuration;

namespace A3C.Training.Tests;

/// <summary>Recipes for tests: HOCON text over the shipped reference config, as the CLI reads them.</summary>
internal static class Recipes
{
    public static TrainingRecipe CartPole(string mode, long maxFrames, string extra = "") => From($$"""
        a3c.environment { id = CartPole-v1, envs-per-worker = 8 }
        a3c.training {
          mode = {{mode}}
          workers = 2
          batch-size = 64
          grad-batch = 32
          train-batch = 2
          learning-rate = 0.003
          adam-eps = 1e-5
          clip-grad = 0.5
          value-coefficient = 0.5
          hidden = 64
          max-frames = {{maxFrames}}
          progress-interval = 100ms
        }
        {{extra}}
        """);

    public static TrainingRecipe From(string hocon, string origin = "test.conf") =>
        TrainingRecipe.FromConfig(ConfigFactory.ParseString(hocon, origin).WithFallback(ConfigFactory.LoadReference()), "test");
}
