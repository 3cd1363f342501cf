namespace A3C.Configuration.Tests;

public sealed class ParsingTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "test.conf");

    [Fact]
    public void Dotted_keys_and_nested_objects_describe_the_same_tree()
    {
        var config = Parse("""
            a.b.c = 1
            a { b { d = 2 } }
            """);

        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal(["c", "d"], config.GetConfig("a.b").Keys);
    }

    [Fact]
    public void Equals_colon_and_no_separator_before_a_brace_are_all_accepted()
    {
        var config = Parse("""
            x = 1
            y : 2
            z { w = 3 }
            v: { u = 4 }
            """);

        Assert.Equal(1, config.GetInt("x"));
        Assert.Equal(2, config.GetInt("y"));
        Assert.Equal(3, config.GetInt("z.w"));
        Assert.Equal(4, config.GetInt("v.u"));
    }

    [Fact]
    public void Root_may_be_wrapped_in_braces_and_fields_separated_by_commas()
    {
        var config = Parse("{ a = 1, b = 2, c = { d = 3 }, }");

        Assert.Equal(["a", "b", "c"], config.Keys);
        Assert.Equal(3, config.GetInt("c.d"));
    }

    [Fact]
    public void Comments_with_hash_and_double_slash_are_ignored()
    {
        var config = Parse("""
            # a comment
            a = 1 // trailing comment
            // another
            b = "x # not a comment"  # comment
            url = "http://example.com"
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("x # not a comment", config.GetString("b"));
        Assert.Equal("http://example.com", config.GetString("url"));
    }

    [Fact]
    public void Arrays_hold_any_values_separated_by_commas_or_newlines()
    {
        var config = Parse("""
            ints = [1, 2, 3]
            words = [
              alpha
              "beta gamma",
              delta
            ]
            nested = [[1, 2], [3]]
            objects = [{ name = a }, { name = b }]
            empty = []
            """);

        Assert.Equal([1, 2, 3], config.GetIntList("ints"));
        Assert.Equal(["alpha", "beta gamma", "delta"], config.GetStringList("words"));
        Assert.Equal(2, config.ToAkka().GetValue("nested").GetArray().Count);
        Assert.Equal(["a", "b"], config.GetConfigList("objects").Select(c => c.GetString("name")));
        Assert.Empty(config.GetStringList("empty"));
    }

    [Fact]
    public void Quoted_strings_support_escapes_and_quoted_keys_keep_their_dots()
    {
        var config = Parse("""
            s = "tab\there \"quoted\" \u0041 back\\slash"
            "key.with.dots" = 1
            a."b.c".d = 2
            """);

        Assert.Equal("tab\there \"quoted\" A back\\slash", config.GetString("s"));
        Assert.Equal(1, config.GetInt("\"key.with.dots\""));
        Assert.Equal(2, config.GetInt("a.\"b.c\".d"));
        Assert.Equal(["b.c"], config.GetConfig("a").Keys);
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_without_escapes()
    {
        var config = Parse("text = \"\"\"line one\n  \"line\" two\\n\"\"\"\nafter = 1");

        Assert.Equal("line one\n  \"line\" two\\n", config.GetString("text"));
        Assert.Equal(3, config.OriginOf("after")!.Line);
    }

    [Fact]
    public void Unquoted_values_concatenate_with_their_inner_whitespace()
    {
        var config = Parse("""
            greeting = hello   big world
            mixed = foo"bar"baz
            path = /var/log/a3c
            """);

        Assert.Equal("hello   big world", config.GetString("greeting"));
        Assert.Equal("foobarbaz", config.GetString("mixed"));
        Assert.Equal("/var/log/a3c", config.GetString("path"));
    }

    [Fact]
    public void Numbers_booleans_and_null_are_typed()
    {
        var config = Parse("""
            i = 42
            neg = -7
            big = 9000000000
            d = 2.5e-3
            t = true
            f = false
            n = null
            quoted = "12"
            """);

        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(-7, config.GetInt("neg"));
        Assert.Equal(9_000_000_000L, config.GetLong("big"));
        Assert.Equal(0.0025, config.GetDouble("d"), 12);
        Assert.True(config.GetBoolean("t"));
        Assert.False(config.GetBoolean("f"));
        Assert.False(config.HasPath("n"));
        Assert.Contains("found null", Assert.Throws<ConfigException>(() => config.GetString("n")).Message);
        Assert.Equal("12", config.GetString("quoted"));
        Assert.Equal(12, config.GetInt("quoted"));
    }

    [Fact]
    public void Duplicate_object_keys_merge_and_other_duplicates_override()
    {
        var config = Parse("""
            a { x = 1, y = 2 }
            a { y = 3, z = 4 }
            b = 1
            b = 2
            c = 1
            c { d = 1 }
            e { f = 1 }
            e = 5
            """);

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(3, config.GetInt("a.y"));
        Assert.Equal(4, config.GetInt("a.z"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(1, config.GetInt("c.d"));
        Assert.Equal(5, config.GetInt("e"));
    }

    [Fact]
    public void Adjacent_objects_and_lists_concatenate()
    {
        var config = Parse("""
            o = { a = 1 } { b = 2 }
            l = [1, 2] [3]
            """);

        Assert.Equal(["a", "b"], config.GetConfig("o").Keys);
        Assert.Equal([1, 2, 3], config.GetIntList("l"));
    }

    [Fact]
    public void Every_key_remembers_its_file_and_line()
    {
        var config = Parse("a = 1\n\nb {\n  c = \"x\"\n}\nd.e.f = 2\n");

        Assert.Equal(new ConfigOrigin("test.conf", 1), config.OriginOf("a"));
        Assert.Equal(new ConfigOrigin("test.conf", 4), config.OriginOf("b.c"));
        Assert.Equal(3, config.OriginOf("b")!.Line);
        Assert.Equal(6, config.OriginOf("d.e")!.Line);
        Assert.Equal(6, config.OriginOf("d.e.f")!.Line);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_tolerated()
    {
        var config = Parse("\uFEFFa = 1\r\nb = two words\r\n");

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("two words", config.GetString("b"));
        Assert.Equal(2, config.OriginOf("b")!.Line);
    }

    [Fact]
    public void Empty_text_gives_an_empty_config()
    {
        var config = Parse("  \n# only a comment\n");

        Assert.True(config.IsEmpty);
        Assert.Empty(config.Keys);
    }

    [Fact]
    public void Akka_style_deployment_section_with_quoted_path_keys_parses()
    {
        var config = Parse("""
            akka.actor {
              provider = local
              deployment {
                "/user/workers/*" {
                  router = round-robin-pool
                  nr-of-instances = 8
                }
              }
              default-dispatcher.fork-join-executor { parallelism-min = 2, parallelism-factor = 1.0 }
            }
            """);

        var deployment = config.GetConfig("akka.actor.deployment");
        Assert.Equal(["/user/workers/*"], deployment.Keys);
        Assert.Equal(8, config.GetInt("akka.actor.deployment.\"/user/workers/*\".nr-of-instances"));
        Assert.Equal(1.0, config.GetDouble("akka.actor.default-dispatcher.fork-join-executor.parallelism-factor"));
        Assert.Equal("local", config.ToAkka().GetString("akka.actor.provider"));
    }
}
