namespace A3C.Configuration.Tests;

public sealed class FallbackAndOverrideTests
{
    private static readonly Config Reference = ConfigFactory.ParseString("""
        a3c {
          actor { throughput = 30, mailbox { capacity = 1000, type = unbounded } }
          torch { intra-op-threads = 1 }
          run-dir = runs
          log-dir = ${a3c.run-dir}/logs
        }
        """, "reference.conf");

    [Fact]
    public void Fallback_objects_merge_and_the_preferred_values_win()
    {
        var user = ConfigFactory.ParseString("a3c.actor.mailbox.capacity = 10\nextra = 1", "user.conf");

        var config = user.WithFallback(Reference);

        Assert.Equal(10, config.GetInt("a3c.actor.mailbox.capacity"));
        Assert.Equal("unbounded", config.GetString("a3c.actor.mailbox.type"));
        Assert.Equal(30, config.GetInt("a3c.actor.throughput"));
        Assert.Equal(1, config.GetInt("extra"));
        Assert.Equal("user.conf", config.OriginOf("a3c.actor.mailbox.capacity")!.Description);
        Assert.Equal("reference.conf", config.OriginOf("a3c.actor.mailbox.type")!.Description);
    }

    [Fact]
    public void Fallback_chains_apply_in_order()
    {
        var first = ConfigFactory.ParseString("x = 1");
        var second = ConfigFactory.ParseString("x = 2, y = 2");
        var third = ConfigFactory.ParseString("x = 3, y = 3, z = 3");

        var config = first.WithFallback(second).WithFallback(third);

        Assert.Equal([1, 2, 3], new[] { config.GetInt("x"), config.GetInt("y"), config.GetInt("z") });
    }

    [Fact]
    public void Non_object_value_hides_a_fallback_object()
    {
        var config = ConfigFactory.ParseString("a3c.torch = off").WithFallback(Reference);

        Assert.False(config.GetBoolean("a3c.torch"));
    }

    [Fact]
    public void Substitutions_in_the_fallback_keep_the_values_of_their_own_source()
    {
        // Akka resolves each source when it is parsed: overriding run-dir does not move log-dir.
        var config = ConfigFactory.ParseString("a3c.run-dir = /data/run7").WithFallback(Reference);

        Assert.Equal("/data/run7", config.GetString("a3c.run-dir"));
        Assert.Equal("runs/logs", config.GetString("a3c.log-dir"));
    }

    [Fact]
    public void Overrides_parse_their_values_as_hocon_and_the_last_one_wins()
    {
        var config = Reference.WithOverrides([
            "a3c.actor.throughput=5",
            "a3c.torch.intra-op-threads = 4",
            "a3c.actor.mailbox={ capacity = 7 }",
            "a3c.actor.throughput=6",
            "a3c.tags=[a, b]",
            "a3c.run-dir=/tmp/x",
        ]);

        Assert.Equal(6, config.GetInt("a3c.actor.throughput"));
        Assert.Equal(4, config.GetInt("a3c.torch.intra-op-threads"));
        Assert.Equal(7, config.GetInt("a3c.actor.mailbox.capacity"));
        Assert.Equal("unbounded", config.GetString("a3c.actor.mailbox.type"));
        Assert.Equal(["a", "b"], config.GetStringList("a3c.tags"));
        Assert.Equal("/tmp/x", config.GetString("a3c.run-dir"));
        Assert.Equal("--set #2", config.OriginOf("a3c.torch.intra-op-threads")!.Description);
    }

    [Fact]
    public void Override_without_an_equals_sign_is_rejected()
    {
        var error = Assert.Throws<ConfigException>(() => Reference.WithOverrides(["a3c.actor.throughput"]));

        Assert.Equal("--set #1", error.File);
        Assert.Contains("expected key=value but found \"a3c.actor.throughput\"", error.Message);
    }

    [Fact]
    public void Override_with_a_bad_value_reports_the_assignment()
    {
        var error = Assert.Throws<ConfigException>(() => Reference.WithOverrides(["a=1", "b=[1,"]));

        Assert.Equal("--set #2", error.File);
        Assert.Contains("expected ']'", error.Message);
    }

    [Fact]
    public void Override_value_may_refer_to_keys_of_the_same_assignment_only()
    {
        var config = Reference.WithOverrides(["a3c.actor = { mailbox.capacity = 5, throughput = ${a3c.actor.mailbox.capacity} }"]);

        Assert.Equal(5, config.GetInt("a3c.actor.throughput"));
        var error = Assert.Throws<ConfigException>(() => Reference.WithOverrides(["a3c.x = ${a3c.run-dir}"]));
        Assert.Equal("--set #1", error.File);
        Assert.Contains("could not resolve substitution ${a3c.run-dir}", error.Message);
    }

    [Fact]
    public void Configs_are_immutable()
    {
        var user = ConfigFactory.ParseString("x = 1");
        _ = user.WithFallback(ConfigFactory.ParseString("y = 2")).WithOverrides(["x=5"]);

        Assert.Equal(1, user.GetInt("x"));
        Assert.False(user.HasPath("y"));
    }
}
