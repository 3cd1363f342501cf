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
        Assert.EndsWith("base.conf", config.GetValue("threads").Origin.Description);
        Assert.Equal(1, config.GetValue("threads").Origin.Line);
    }

    [Fact]
    public void Include_inside_an_object_nests_the_file_and_fixes_up_its_substitutions()
    {
        using var dir = new TempDirectory();
        dir.Write("part.conf", "x = 10\ny = ${x}\nz = ${top}");
        var main = dir.Write("main.conf", """
            top = 1
            section { include file("part.conf") }
            """);

        var config = ConfigFactory.ParseFile(main);

        Assert.Equal(10, config.GetInt("section.x"));
        Assert.Equal(10, config.GetInt("section.y"));
        Assert.Equal(1, config.GetInt("section.z"));
    }

    [Fact]
    public void Include_required_file_syntax_is_accepted()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "a = 1");
        var main = dir.Write("main.conf", "include required(file(\"a.conf\"))");

        Assert.Equal(1, ConfigFactory.ParseFile(main).GetInt("a"));
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
