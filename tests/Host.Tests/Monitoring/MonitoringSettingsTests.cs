using A3C.Configuration;
using A3C.Host.Monitoring;

namespace A3C.Host.Tests.Monitoring;

public sealed class MonitoringSettingsTests
{
    [Fact]
    public void Reference_defaults_to_loopback_port_9090()
    {
        var settings = ConfigFactory.LoadReference(AppContext.BaseDirectory).Bind<MonitoringSettings>();

        Assert.Equal(new MonitoringSettings(true, "127.0.0.1", 9090, 600, "runs"), settings);
    }

    [Theory]
    [InlineData("host = \"example.org\"", "a3c.monitoring.host", "an IP address")]
    [InlineData("port = 70000", "a3c.monitoring.port", "[0, 65535]")]
    [InlineData("prot = 1", "a3c.monitoring.prot", "unknown key")]
    public void Bad_values_name_the_key(string line, string key, string expected)
    {
        var config = ConfigFactory.ParseString("a3c.monitoring { " + line + " }", "user.conf")
            .WithFallback(ConfigFactory.LoadReference(AppContext.BaseDirectory));

        var error = Assert.Throws<ConfigException>(() => config.Bind<MonitoringSettings>());
        Assert.Contains(key, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_null_scalars_directory_writes_no_files()
    {
        var config = ConfigFactory.ParseString("a3c.monitoring.scalars-directory = null")
            .WithFallback(ConfigFactory.LoadReference(AppContext.BaseDirectory));

        Assert.Null(config.Bind<MonitoringSettings>().ScalarsDirectory);
    }
}
