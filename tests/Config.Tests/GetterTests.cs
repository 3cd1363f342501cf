namespace A3C.Configuration.Tests;

public sealed class GetterTests
{
    private static readonly Config Sample = ConfigFactory.ParseString("""
        training {
          lr = "abc"
          steps = 3000000000
          ratio = 0.5
          flags = [1, two, 3]
          name = a3c
          enabled = yes
          section { x = 1 }
        }
        """, "hocon/x.conf");

    [Fact]
    public void Wrong_type_error_names_file_line_path_and_expectation()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetDouble("training.lr"));

        Assert.Equal("hocon/x.conf:2: training.lr: expected a number but found string \"abc\"", error.Message);
        Assert.Equal("hocon/x.conf", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal("training.lr", error.Path);
    }

    [Fact]
    public void Int_out_of_range_asks_for_a_32_bit_number_while_long_reads_it()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetInt("training.steps"));

        Assert.Contains("expected a 32-bit whole number", error.Message);
        Assert.Equal(3_000_000_000L, Sample.GetLong("training.steps"));
        Assert.Contains("expected a whole number but found number 0.5",
            Assert.Throws<ConfigException>(() => Sample.GetLong("training.ratio")).Message);
    }

    [Fact]
    public void List_element_errors_name_the_element_index()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetIntList("training.flags"));

        Assert.Equal("training.flags[1]", error.Path);
        Assert.Contains("expected a whole number but found string \"two\"", error.Message);
    }

    [Fact]
    public void Missing_key_points_at_the_section_and_suggests_the_closest_key()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetString("training.nmae"));

        Assert.Equal("training.nmae", error.Path);
        Assert.Equal(1, error.Line);
        Assert.Contains("missing required key \"nmae\" in \"training\"; did you mean \"name\"?", error.Message);
    }

    [Fact]
    public void Walking_through_a_non_object_is_reported()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetString("training.name.first"));

        Assert.Equal("training.name", error.Path);
        Assert.Contains("expected an object containing \"first\" but found string \"a3c\"", error.Message);
    }

    [Fact]
    public void Scalars_convert_the_way_hocon_allows()
    {
        Assert.True(Sample.GetBoolean("training.enabled"));
        Assert.Equal("0.5", Sample.GetString("training.ratio"));
        Assert.Contains("expected a string but found object",
            Assert.Throws<ConfigException>(() => Sample.GetString("training.section")).Message);
        Assert.Contains("expected a boolean",
            Assert.Throws<ConfigException>(() => Sample.GetBoolean("training.name")).Message);
        Assert.Contains("expected an object but found string",
            Assert.Throws<ConfigException>(() => Sample.GetConfig("training.name")).Message);
    }

    [Fact]
    public void HasPath_and_sub_configs()
    {
        Assert.True(Sample.HasPath("training.section.x"));
        Assert.False(Sample.HasPath("training.section.y"));
        Assert.False(Sample.HasPath("training.name.first"));

        var section = Sample.GetConfig("training.section");
        Assert.Equal(["x"], section.Keys);
        Assert.Equal(1, section.GetInt("x"));
    }

    [Fact]
    public void Double_lists_accept_integers()
    {
        var config = ConfigFactory.ParseString("gammas = [0.99, 1, 0.9]");

        Assert.Equal([0.99, 1.0, 0.9], config.GetDoubleList("gammas"));
    }
}
