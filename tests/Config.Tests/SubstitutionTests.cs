namespace A3C.Configuration.Tests;

public sealed class SubstitutionTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["A3C_TEST_THREADS"] = "8",
        ["A3C_TEST_HOME"] = "/home/test",
    };

    private static string? Lookup(string name) => Environment.GetValueOrDefault(name);

    private static Config Parse(string text) => ConfigFactory.ParseString(text, "subst.conf", Lookup);

    private static ConfigException ParseError(string text, string origin = "subst.conf") =>
        Assert.Throws<ConfigException>(() => ConfigFactory.ParseString(text, origin, Lookup));

    [Fact]
    public void Substitution_copies_the_value_at_a_path_keeping_its_type()
    {
        var config = Parse("""
            base { lr = 0.001, layers = [64, 64] }
            training { lr = ${base.lr}, layers = ${base.layers}, copy = ${base} }
            """);

        Assert.Equal(0.001, config.GetDouble("training.lr"));
        Assert.Equal([64, 64], config.GetIntList("training.layers"));
        Assert.Equal(0.001, config.GetDouble("training.copy.lr"));
    }

    [Fact]
    public void Substitutions_resolve_against_the_whole_config_including_later_keys()
    {
        var config = Parse("""
            a = ${b}
            b = ${c.d}
            c { d = 5, e = ${c.d} }
            """);

        Assert.Equal(5, config.GetInt("a"));
        Assert.Equal(5, config.GetInt("c.e"));
    }

    [Fact]
    public void Substitutions_concatenate_with_text_and_lists()
    {
        var config = Parse("""
            dir = /var/a3c
            logs = ${dir}/logs
            greeting = run ${dir} now
            list = [0] ${custom.list}
            custom.list = [1]
            """);

        Assert.Equal("/var/a3c/logs", config.GetString("logs"));
        Assert.Equal("run /var/a3c now", config.GetString("greeting"));
        Assert.Equal([0, 1], config.GetIntList("list"));
    }

    [Fact]
    public void Optional_substitution_of_a_missing_path_leaves_the_field_absent()
    {
        var config = Parse("""
            a = ${?nothing.here}
            list = [1, ${?nothing.here}, 2]
            text = x${?nothing.here}y
            inline { b = ${?nothing.here}, c = 3 }
            """);

        Assert.False(config.HasPath("a"));
        Assert.Equal([1, 2], config.GetIntList("list"));
        Assert.Equal("xy", config.GetString("text"));
        Assert.Equal(["c"], config.GetConfig("inline").Keys);
    }

    [Fact]
    public void Optional_substitution_of_a_defined_path_reads_it()
    {
        var config = Parse("a = 1\nb = ${?a}");

        Assert.Equal(1, config.GetInt("b"));
    }

    [Fact]
    public void Optional_substitution_falls_back_to_an_environment_variable()
    {
        var config = Parse("""
            threads = 1
            threads = ${?A3C_TEST_THREADS}
            home = ${?A3C_TEST_HOME}/runs
            missing = 3
            missing = ${?A3C_TEST_NOT_SET}
            """);

        Assert.Equal(8, config.GetInt("threads"));
        Assert.Equal("/home/test/runs", config.GetString("home"));
        Assert.Equal(3, config.GetInt("missing"));
        Assert.Equal(new ConfigOrigin("subst.conf", 2), config.OriginOf("threads"));
    }

    [Fact]
    public void Environment_values_are_taken_as_text_whatever_they_contain()
    {
        var config = ConfigFactory.ParseString("s = ${?SECRET}", "env.conf", _ => "p@ss \"word\" # not a comment");

        Assert.Equal("p@ss \"word\" # not a comment", config.GetString("s"));
    }

    [Fact]
    public void Optional_environment_override_keeps_the_fallback_value_when_unset()
    {
        var user = ConfigFactory.ParseString("threads = ${?A3C_TEST_NOT_SET}\nhome = ${?A3C_TEST_HOME}", "user.conf", Lookup);
        var reference = ConfigFactory.ParseString("threads = 2\nhome = /", "reference.conf");

        var config = user.WithFallback(reference);

        Assert.Equal(2, config.GetInt("threads"));
        Assert.Equal("/home/test", config.GetString("home"));
    }

    [Fact]
    public void Self_reference_is_refused_instead_of_overflowing_the_stack()
    {
        // Akka's parser resolves these to values that contain themselves; reading one overflows.
        var error = ParseError("a = 1\nb = ${b} [x]");

        Assert.Equal(2, error.Line);
        Assert.Equal("b", error.Path);
        Assert.Contains("${b} refers to the field it sets", error.Message);
        Assert.Contains("refers to the field it sets", ParseError("path = [a]\npath = ${?path} [b]").Message);
    }

    [Fact]
    public void Unresolved_substitution_names_file_line_path_and_expression()
    {
        var error = ParseError("a = 1\ntraining {\n  lr = ${trianing.base-lr}\n}", "hocon/x.conf");

        Assert.Equal("hocon/x.conf", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("trianing.base-lr", error.Path);
        Assert.Contains("could not resolve substitution ${trianing.base-lr}", error.Message);
    }

    [Fact]
    public void Substitutions_resolve_within_their_own_source()
    {
        // Akka resolves a source's substitutions when it parses it, before any fallback is added.
        var error = ParseError("lr = ${a3c.training.learning-rate}", "user.conf");

        Assert.Equal(1, error.Line);
        Assert.Contains("own file", error.Message);
    }

    [Fact]
    public void Substitution_cycle_is_reported_instead_of_overflowing()
    {
        var error = ParseError("a = ${b}\nb = ${c}\nc = ${a}", "cycle.conf");

        Assert.Equal("cycle.conf", error.File);
        Assert.Contains("substitution cycle: a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void Object_that_contains_a_reference_to_itself_is_a_cycle()
    {
        var error = ParseError("a { b = ${a} }", "cycle.conf");

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Process_environment_is_used_by_default()
    {
        // PATH is set in every test environment this suite runs in.
        var path = System.Environment.GetEnvironmentVariable("PATH");
        Assert.NotNull(path);

        var config = ConfigFactory.ParseString("p = ${?PATH}");

        Assert.Equal(path, config.GetString("p"));
    }
}
