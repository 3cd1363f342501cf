using A3C.Actors.Training.Settings;
using A3C.Configuration;

namespace A3C.Training.Tests;

public sealed class RecipeTests
{
    [Fact]
    public void Every_shipped_recipe_binds()
    {
        var hocon = ShippedConfigs();
        var recipes = Directory.GetFiles(hocon, "*.conf").Where(f => !f.EndsWith("reference.conf", StringComparison.Ordinal)).ToList();
        Assert.Contains(recipes, f => f.EndsWith("cartpole-a2c.conf", StringComparison.Ordinal));
        foreach (var file in recipes)
        {
            var config = ConfigFactory.Load(file, ConfigFactory.LoadReference());
            var recipe = Actors.Training.TrainingRecipe.FromConfig(config, Path.GetFileNameWithoutExtension(file));
            Assert.True(recipe.Training.MaxFrames > 0, file);
        }
    }

    private static string ShippedConfigs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "hocon");
            if (File.Exists(Path.Combine(candidate, "reference.conf"))) return candidate;
        }
        throw new DirectoryNotFoundException("hocon/ not found above the test's output folder");
    }

    [Theory]
    [InlineData("a3c.training.mode = a4c", "mode", "a2c, a3c-data, a3c-grad")]
    [InlineData("a3c.training.workers = 0", "workers", "positive integer")]
    [InlineData("a3c.training.gamma = 1.5", "gamma", "discount in [0, 1]")]
    [InlineData("a3c.training.learning-rat = 0.1", "learning-rat", "did you mean \"learning-rate\"")]
    [InlineData("a3c.environment.id = CartPol-v1", "environment.id", "CartPole-v1")]
    [InlineData("a3c.faults.env-crash-probability = 2", "env-crash-probability", "probability in [0, 1]")]
    public void A_bad_recipe_names_the_file_line_and_key(string line, string key, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Recipes.From($"# a recipe\n{line}\n", "recipe.conf"));
        Assert.Contains("recipe.conf:2", error.Message);
        Assert.Contains(key, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Modes_are_written_in_kebab_case()
    {
        Assert.Equal(TrainingMode.A3CGrad, Recipes.From("a3c.training.mode = a3c-grad").Training.Mode);
        Assert.Equal(InferenceMode.Central, Recipes.From("a3c.training.inference = central").Training.Inference);
    }
}
