namespace A3C.Configuration.Tests;

public sealed class RenderTests
{
    private const string Source = """"
        a3c {
          actor { throughput = 30, "odd.key" = "x\"y", tags = [a, "b c", 3] }
          text = """two
        lines"""
          timeout = 10s
          ratio = 1e-3
          nothing = null
          on = true
          nested = [{ a = 1 }, { b = [1, [2]] }, {}]
          empty {}
          copied = ${a3c.actor.throughput}
        }
        """";

    [Fact]
    public void Rendered_text_parses_back_to_the_same_values()
    {
        var original = ConfigFactory.ParseString(Source, "source.conf");

        var rendered = original.Render();
        var reparsed = ConfigFactory.ParseString(rendered, "rendered.conf");

        Assert.Equal(rendered, reparsed.Render());
        Assert.Equal("x\"y", reparsed.GetString("a3c.actor.\"odd.key\""));
        Assert.Equal("two\nlines", reparsed.GetString("a3c.text"));
        Assert.Equal(TimeSpan.FromSeconds(10), reparsed.GetDuration("a3c.timeout"));
        Assert.Equal(0.001, reparsed.GetDouble("a3c.ratio"));
        Assert.Equal(30, reparsed.GetInt("a3c.copied"));
        Assert.Equal(["a", "b c", "3"], reparsed.GetStringList("a3c.actor.tags"));
        Assert.Empty(reparsed.GetConfig("a3c.empty").Keys);
        Assert.False(reparsed.HasPath("a3c.nothing"));
        Assert.Contains("nothing", reparsed.GetConfig("a3c").Keys);
        Assert.Equal(1, reparsed.GetConfigList("a3c.nested")[0].GetInt("a"));
    }

    [Fact]
    public void Empty_strings_nulls_and_quotes_survive_a_round_trip()
    {
        // Akka's own ToString() loses all three; a snapshot's stored config must not.
        var original = ConfigFactory.ParseString("a { secret = \"\", bound = null, q = \"say \\\"hi\\\"\", path = \"C:\\\\x\" }");

        var reparsed = ConfigFactory.ParseString(original.Render());

        Assert.Equal("", reparsed.GetString("a.secret"));
        Assert.False(reparsed.HasPath("a.bound"));
        Assert.Equal("say \"hi\"", reparsed.GetString("a.q"));
        Assert.Equal("C:\\x", reparsed.GetString("a.path"));
    }

    [Fact]
    public void Render_layout_is_indented_hocon()
    {
        var config = ConfigFactory.ParseString("a.b = 1\nc = [x]");

        Assert.Equal("a {\n    b = 1\n}\nc = [\"x\"]\n", config.Render());
    }
}
