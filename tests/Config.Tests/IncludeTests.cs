namespace A3C.Configuration.Tests;

public sealed class IncludeTests
{
    [Fact]
    public void Include_reads_a_file_relative_to_the_including_file()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/common/base.conf", "threads = 4\nname = base");
        var main = dir.Write("conf/main.conf", """
            include "common/base.conf"
            name = main
            """);

        var config = ConfigFactory.ParseFile(main);

        Assert.Equal(4, config.GetInt("threads"));
        Assert.Equal("main", config.GetString("name"));
        Assert.EndsWith("base.conf", config.OriginOf("threads")!.Description);
        Assert.Equal(1, config.OriginOf("threads")!.Line);
        Assert.EndsWith("main.conf", config.OriginOf("name")!.Description);
    }

    [Fact]
    public void Include_inside_an_object_nests_the_file_with_its_substitutions_resolved_in_it()
    {
        using var dir = new TempDirectory();
        var part = dir.Write("part.conf", "x = 10\ny = ${x}");
        var main = dir.Write("main.conf", """
            top = 1
            section { include "part.conf" }
            """);

        var config = ConfigFactory.ParseFile(main);

        Assert.Equal(10, config.GetInt("section.x"));
        Assert.Equal(10, config.GetInt("section.y"));
        Assert.Equal(1, config.GetInt("top"));
        Assert.Equal(new ConfigOrigin(part, 2), config.OriginOf("section.y"));
    }

    [Fact]
    public void Include_at_the_root_with_substitutions_reads_them()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "a = 1\nb = ${a}");
        var main = dir.Write("main.conf", "include \"a.conf\"\nc = ${a}");

        var config = ConfigFactory.ParseFile(main);

        Assert.Equal(1, config.GetInt("b"));
        Assert.Equal(1, config.GetInt("c"));
    }

    [Fact]
    public void Include_forms_akka_does_not_read_are_refused_with_the_line()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\ninclude required(file(\"a.conf\"))");

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(main));

        Assert.Equal(2, error.Line);
        Assert.Contains("reads only include \"file.conf\"", error.Message);
    }

    [Fact]
    public void Missing_included_file_is_reported_at_the_include_line()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\ninclude \"nope.conf\"\n");

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(main));

        Assert.Equal(main, error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("included file \"nope.conf\" does not exist", error.Message);
    }

    [Fact]
    public void Include_cycle_is_reported_with_the_chain_of_files()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.conf", "include \"b.conf\"");
        dir.Write("b.conf", "x = 1\ninclude \"a.conf\"");

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(a));

        Assert.Equal(2, error.Line);
        Assert.EndsWith("b.conf", error.File);
        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", error.Message);
    }

    [Fact]
    public void Missing_config_file_names_the_path()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile("does/not/exist.conf"));

        Assert.Equal("does/not/exist.conf", error.File);
        Assert.Contains("config file does not exist", error.Message);
    }

    [Fact]
    public void A_key_named_include_is_still_a_key()
    {
        var config = ConfigFactory.ParseString("include = yes");

        Assert.True(config.GetBoolean("include"));
    }
}
