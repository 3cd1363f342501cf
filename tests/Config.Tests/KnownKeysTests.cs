namespace A3C.Configuration.Tests;

/// <summary>Every key a recipe or override writes under the reference's sections must be one the reference has.</summary>
public sealed class KnownKeysTests
{
    private static readonly Config Reference = ConfigFactory.LoadReference(AppContext.BaseDirectory);

    [Fact]
    public void Misspelt_section_in_a_file_is_an_error_with_file_line_and_suggestion()
    {
        using var dir = new TempDirectory();
        var recipe = dir.Write("recipe.conf", "# my recipe\na3c.trainig {\n  max-frames = 1000\n}\n");

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.Load(recipe, Reference));

        Assert.Equal(recipe, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal("a3c.trainig", error.Path);
        Assert.Equal($"{recipe}:2: a3c.trainig: unknown key \"trainig\"; did you mean \"training\"?", error.Message);
    }

    [Fact]
    public void Misspelt_section_in_an_override_is_an_error_naming_the_override()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.Load(null, Reference, ["a3c.trainig.max-frames=1000"]));

        Assert.Equal("--set #1", error.File);
        Assert.Equal("a3c.trainig", error.Path);
        Assert.Contains("unknown key \"trainig\"; did you mean \"training\"?", error.Message);
    }

    [Fact]
    public void Misspelt_key_in_a_section_nothing_binds_is_caught_too()
    {
        using var dir = new TempDirectory();
        var recipe = dir.Write("recipe.conf", "a3c.torch {\n  intra-op-thread = 2\n}\n");

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.Load(recipe, Reference));

        Assert.Equal(2, error.Line);
        Assert.Contains("did you mean \"intra-op-threads\"?", error.Message);
    }

    [Fact]
    public void Known_keys_values_replacing_objects_and_other_sections_pass()
    {
        using var dir = new TempDirectory();
        var recipe = dir.Write("recipe.conf", """
            a3c.training { workers = 4, reward-bound = 195 }
            a3c.remote { port = 2600, tensor-port = 2601 }
            akka.loglevel = DEBUG
            """);

        var config = ConfigFactory.Load(recipe, Reference, ["a3c.training.max-frames = 5000"]);

        Assert.Equal(4, config.GetInt("a3c.training.workers"));
        Assert.Equal(5000, config.GetLong("a3c.training.max-frames"));
        Assert.Equal("DEBUG", config.GetString("akka.loglevel"));
    }

    [Fact]
    public void Every_unknown_key_is_listed()
    {
        var config = ConfigFactory.ParseString("a3c { trainig.workers = 1\n  monitoring.prot = 1 }", "two.conf").WithFallback(Reference);

        var error = Assert.Throws<ConfigException>(() => config.CheckKnownKeys(Reference));

        Assert.Contains("two.conf:1: a3c.trainig: unknown key", error.Message);
        Assert.Contains("two.conf:2: a3c.monitoring.prot: unknown key \"prot\"; did you mean \"port\"?", error.Message);
    }
}
