namespace A3C.Configuration.Tests;

public sealed class LoadTests
{
    [Fact]
    public void LoadReference_walks_up_to_find_hocon_reference_conf()
    {
        using var dir = new TempDirectory();
        dir.Write("hocon/reference.conf", "a3c.x = 1");
        var deep = Path.Combine(dir.Path, "bin", "Debug", "net10.0");
        Directory.CreateDirectory(deep);

        var reference = ConfigFactory.LoadReference(deep);

        Assert.Equal(1, reference.GetInt("a3c.x"));
        Assert.EndsWith(Path.Combine("hocon", "reference.conf"), reference.OriginOf("a3c.x")!.Description);
    }

    [Fact]
    public void LoadReference_without_the_file_says_where_it_looked()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.LoadReference(dir.Path));

        Assert.Contains("reference config not found in " + dir.Path, error.Message);
    }

    [Fact]
    public void Load_layers_user_file_over_reference_with_overrides_on_top()
    {
        using var dir = new TempDirectory();
        var user = dir.Write("user.conf", "a = 2\nb = ${a}");
        var reference = ConfigFactory.ParseString("a = 1\nb = 0\nc = 3", "reference.conf");

        var config = ConfigFactory.Load(user, reference, ["a=5"]);

        Assert.Equal(5, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c"));
        Assert.Equal(1, ConfigFactory.Load(null, reference).GetInt("a"));
    }

    [Fact]
    public void Load_reports_unresolved_substitutions_at_startup()
    {
        using var dir = new TempDirectory();
        var user = dir.Write("user.conf", "a = ${missing.key}");

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.Load(user, Config.Empty));

        Assert.Equal(user, error.File);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Shipped_reference_conf_holds_akka_settings_that_are_not_checked_against_it()
    {
        var reference = ConfigFactory.LoadReference(AppContext.BaseDirectory);

        Assert.Equal("INFO", reference.GetString("akka.loglevel"));
        Assert.Equal(30, reference.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.Equal(TimeSpan.FromSeconds(60), reference.GetDuration("akka.coordinated-shutdown.phases.service-stop.timeout"));
        Assert.Equal(1, reference.GetInt("a3c.torch.intra-op-threads"));
        // Akka reads its own section against its own reference: a key of it that ours lacks is fine...
        ConfigFactory.ParseString("akka.actor.ask-timeout = 5s", "user.conf").WithFallback(reference).CheckKnownKeys(reference);
        // ...while one of ours is checked.
        var error = Assert.Throws<ConfigException>(() =>
            ConfigFactory.ParseString("a3c.torch.intra-op-thread = 2", "user.conf").WithFallback(reference).CheckKnownKeys(reference));
        Assert.Contains("intra-op-threads", error.Message);
    }

    [Fact]
    public void Every_shipped_recipe_loads_over_the_shipped_reference()
    {
        var reference = ConfigFactory.LoadReference(AppContext.BaseDirectory);
        var hocon = Path.GetDirectoryName(reference.OriginOf("a3c")!.Description)!;
        var recipes = Directory.GetFiles(hocon, "*.conf").Where(f => Path.GetFileName(f) != "reference.conf").ToList();

        Assert.NotEmpty(recipes);
        foreach (var recipe in recipes)
        {
            var config = ConfigFactory.Load(recipe, reference);
            Assert.True(config.GetLong("a3c.training.max-frames") > 0, recipe);
        }
    }
}
