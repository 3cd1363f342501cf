namespace A3C.Configuration.Tests;

public sealed class SubstitutionTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["A3C_TEST_THREADS"] = "8",
        ["A3C_TEST_HOME"] = "/home/test",
    };

    private static Config Parse(string text) =>
        ConfigFactory.ParseString(text, "subst.conf").Resolve(name => Environment.GetValueOrDefault(name));

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
    public void Substitutions_concatenate_with_text_objects_and_lists()
    {
        var config = Parse("""
            dir = /var/a3c
            logs = ${dir}/logs
            greeting = run ${dir} now
            defaults { a = 1, b = 2 }
            custom = ${defaults} { b = 3 }
            list = [0] ${custom.list}
            custom.list = [1]
            """);

        Assert.Equal("/var/a3c/logs", config.GetString("logs"));
        Assert.Equal("run /var/a3c now", config.GetString("greeting"));
        Assert.Equal(1, config.GetInt("custom.a"));
        Assert.Equal(3, config.GetInt("custom.b"));
        Assert.Equal([0, 1], config.GetIntList("list"));
    }

    [Fact]
    public void Object_fields_added_after_a_substitution_merge_over_its_value()
    {
        var config = Parse("""
            defaults { a = 1, b = 2 }
            custom = ${defaults}
            custom.b = 3
            custom { c = 4 }
            """);

        Assert.Equal(1, config.GetInt("custom.a"));
        Assert.Equal(3, config.GetInt("custom.b"));
        Assert.Equal(4, config.GetInt("custom.c"));
    }

    [Fact]
    public void Concatenating_a_number_with_a_list_is_reported_at_resolution()
    {
        var config = ConfigFactory.ParseString("a = 1\nmore = ${a} [2]", "concat.conf");

        var error = Assert.Throws<ConfigException>(() => config.Resolve(_ => null));

        Assert.Equal("concat.conf:2: more: cannot concatenate number 1 with list of 1: only objects with objects, lists with lists or text with text", error.Message);
    }

    [Fact]
    public void Optional_substitution_of_a_missing_path_leaves_the_field_absent()
    {
        var config = Parse("""
            a = ${?nothing.here}
            list = [1, ${?nothing.here}, 2]
            text = x${?nothing.here}y
            """);

        Assert.False(config.HasPath("a"));
        Assert.Equal([1, 2], config.GetIntList("list"));
        Assert.Equal("xy", config.GetString("text"));
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
        Assert.Equal("environment variable A3C_TEST_THREADS", config.GetValue("threads").Origin.Description);
    }

    [Fact]
    public void Optional_environment_override_keeps_the_fallback_value_when_unset()
    {
        var user = ConfigFactory.ParseString("threads = ${?A3C_TEST_NOT_SET}\nhome = ${?A3C_TEST_HOME}", "user.conf");
        var reference = ConfigFactory.ParseString("threads = 2\nhome = /", "reference.conf");

        var config = user.WithFallback(reference).Resolve(name => Environment.GetValueOrDefault(name));

        Assert.Equal(2, config.GetInt("threads"));
        Assert.Equal("/home/test", config.GetString("home"));
    }

    [Fact]
    public void Self_reference_extends_the_earlier_value()
    {
        var config = Parse("""
            path = [a]
            path = ${path} [b]
            opts { flags = "-x" }
            opts { flags = ${opts.flags}" -y" }
            """);

        Assert.Equal(["a", "b"], config.GetStringList("path"));
        Assert.Equal("-x -y", config.GetString("opts.flags"));
    }

    [Fact]
    public void Self_reference_and_plus_equals_reach_into_the_fallback()
    {
        var user = ConfigFactory.ParseString("plugins += extra\nname = ${name}-custom", "user.conf");
        var reference = ConfigFactory.ParseString("plugins = [core]\nname = base", "reference.conf");

        var config = user.WithFallback(reference);

        Assert.Equal(["core", "extra"], config.GetStringList("plugins"));
        Assert.Equal("base-custom", config.GetString("name"));
    }

    [Fact]
    public void Self_reference_without_an_earlier_value_is_an_error_unless_optional()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("a = 1\nb = ${b} [x]").GetValue("b"));

        Assert.Equal(2, error.Line);
        Assert.Equal("b", error.Path);
        Assert.Contains("refers to the field itself and there is no earlier value", error.Message);
        Assert.Equal(["x"], Parse("b = ${?b} [x]").GetStringList("b"));
    }

    [Fact]
    public void Unresolved_substitution_names_file_line_path_and_expression()
    {
        var config = ConfigFactory.ParseString("a = 1\ntraining {\n  lr = ${trianing.base-lr}\n}", "hocon/x.conf");

        var error = Assert.Throws<ConfigException>(() => config.Resolve(_ => null));

        Assert.Equal("hocon/x.conf", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("trianing.base-lr", error.Path);
        Assert.Contains("could not resolve substitution ${trianing.base-lr}", error.Message);
    }

    [Fact]
    public void Substitution_cycle_is_reported_instead_of_overflowing()
    {
        var config = ConfigFactory.ParseString("a = ${b}\nb = ${c}\nc = ${a}", "cycle.conf");

        var error = Assert.Throws<ConfigException>(() => config.Resolve(_ => null));

        Assert.Equal("cycle.conf", error.File);
        Assert.Contains("substitution cycle: a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void Object_that_contains_a_reference_to_itself_is_a_cycle()
    {
        var config = ConfigFactory.ParseString("a { b = ${a} }", "cycle.conf");

        Assert.Throws<ConfigException>(() => config.Resolve(_ => null));
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
