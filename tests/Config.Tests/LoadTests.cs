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
    public void Shipped_reference_conf_holds_the_actor_runtime_defaults()
    {
        var reference = ConfigFactory.LoadReference(AppContext.BaseDirectory);

        Assert.Equal(30, reference.GetInt("a3c.actor.default-dispatcher.throughput"));
        Assert.Equal("unbounded", reference.GetString("a3c.actor.default-mailbox.type"));
        Assert.Equal(1000, reference.GetInt("a3c.actor.default-mailbox.capacity"));
        Assert.Equal("backpressure", reference.GetString("a3c.actor.default-mailbox.overflow"));
        Assert.Equal(1, reference.GetInt("a3c.torch.intra-op-threads"));
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
