namespace A3C.Configuration.Tests;

public sealed class UnitTests
{
    [Theory]
    [InlineData("500ms", 500.0)]
    [InlineData("10s", 10_000.0)]
    [InlineData("10 s", 10_000.0)]
    [InlineData("2m", 120_000.0)]
    [InlineData("1h", 3_600_000.0)]
    [InlineData("1d", 86_400_000.0)]
    [InlineData("1 second", 1_000.0)]
    [InlineData("3 minutes", 180_000.0)]
    [InlineData("1.5 hours", 5_400_000.0)]
    [InlineData("250", 250.0)]
    [InlineData("\"750 millis\"", 750.0)]
    [InlineData("100us", 0.1)]
    [InlineData("2000000ns", 2.0)]
    public void Durations_read_with_any_hocon_unit(string text, double expectedMilliseconds)
    {
        var config = ConfigFactory.ParseString($"timeout = {text}");

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), config.GetDuration("timeout"));
    }

    [Fact]
    public void Infinite_duration_maps_to_the_infinite_timespan()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, ConfigFactory.ParseString("t = infinite").GetDuration("t"));
    }

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("64KiB", 64L * 1024)]
    [InlineData("64K", 64L * 1024)]
    [InlineData("128MiB", 128L * 1024 * 1024)]
    [InlineData("128 MiB", 128L * 1024 * 1024)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("10MB", 10_000_000L)]
    [InlineData("2kB", 2_000L)]
    [InlineData("1.5 GiB", 3L << 29)]
    [InlineData("3 bytes", 3L)]
    public void Sizes_read_with_binary_and_decimal_units(string text, long expectedBytes)
    {
        var config = ConfigFactory.ParseString($"size = {text}");

        Assert.Equal(expectedBytes, config.GetByteSize("size"));
    }

    [Fact]
    public void Bad_duration_unit_names_file_line_path_and_the_units_allowed()
    {
        var config = ConfigFactory.ParseString("a = 1\nask-timeout = 10 parsecs", "hocon/x.conf");

        var error = Assert.Throws<ConfigException>(() => config.GetDuration("ask-timeout"));

        Assert.Equal(2, error.Line);
        Assert.Equal("ask-timeout", error.Path);
        Assert.StartsWith("hocon/x.conf:2: ask-timeout: expected a duration such as 500ms", error.Message);
        Assert.Contains("unknown duration unit \"parsecs\"", error.Message);
    }

    [Fact]
    public void Bad_size_unit_and_non_numbers_are_rejected()
    {
        var config = ConfigFactory.ParseString("a = 10 XB\nb = lots\nc = [1]", "sizes.conf");

        Assert.Contains("unknown size unit \"XB\"", Assert.Throws<ConfigException>(() => config.GetByteSize("a")).Message);
        Assert.Contains("\"lots\" does not start with a number", Assert.Throws<ConfigException>(() => config.GetByteSize("b")).Message);
        Assert.Contains("expected a duration", Assert.Throws<ConfigException>(() => config.GetDuration("c")).Message);
        Assert.Contains("size is negative", Assert.Throws<ConfigException>(() =>
            ConfigFactory.ParseString("d = -1MiB").GetByteSize("d")).Message);
    }
}
