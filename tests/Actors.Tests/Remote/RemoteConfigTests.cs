using A3C.Actors.Remote;
using A3C.Configuration;

namespace A3C.Actors.Tests.Remote;

public sealed class RemoteConfigTests
{
    private static Config Parse(string hocon) =>
        ConfigFactory.ParseString(hocon, "cluster.conf").WithFallback(ConfigFactory.LoadReference());

    [Fact]
    public void The_shipped_defaults_listen_on_loopback_port_2552_with_akkas_failure_detector()
    {
        var settings = RemoteConfig.FromConfig(Parse("a3c.remote.secret = s3cret"));

        var defaults = new RemoteSettings { Secret = "s3cret" };
        Assert.Equal(defaults with { Port = 2552 }, settings);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.HeartbeatInterval);
        Assert.Equal(8.0, settings.FailureDetectorThreshold);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.AcceptablePause);
    }

    [Fact]
    public void A_config_sets_every_knob()
    {
        var settings = RemoteConfig.FromConfig(Parse("""
            a3c.remote {
              host = "0.0.0.0", port = 0, secret = s3cret
              max-message-size = 16MiB, chunk-size = 8KiB, handshake-timeout = 2s
              compression = brotli, compression-min-size = 256KiB
              reconnect-backoff { min = 50ms, max = 1s }
              failure-detector { heartbeat-interval = 250ms, threshold = 10, acceptable-heartbeat-pause = 1s, min-std-deviation = 20ms, max-sample-size = 50 }
            }
            """));

        Assert.Equal(new RemoteSettings
        {
            Host = "0.0.0.0", Port = 0, Secret = "s3cret", MaxMessageSize = 16 << 20, ChunkSize = 8 << 10,
            Compression = ArrayCompression.Brotli, CompressionMinSize = 256 << 10,
            HandshakeTimeout = TimeSpan.FromSeconds(2), MinReconnectBackoff = TimeSpan.FromMilliseconds(50), MaxReconnectBackoff = TimeSpan.FromSeconds(1),
            HeartbeatInterval = TimeSpan.FromMilliseconds(250), FailureDetectorThreshold = 10, AcceptablePause = TimeSpan.FromSeconds(1),
            MinStdDeviation = TimeSpan.FromMilliseconds(20), HeartbeatHistorySize = 50,
        }, settings);
    }

    [Fact]
    public void A_missing_secret_says_where_to_set_it()
    {
        var error = Assert.Throws<ConfigException>(() => RemoteConfig.FromConfig(Parse("a3c.remote.secret = \"\"")));

        Assert.Contains("a3c.remote.secret", error.Message);
        Assert.Contains("A3C_CLUSTER_SECRET", error.Message);
        Assert.Contains("cluster.conf", error.Message);
    }

    [Theory]
    [InlineData("chunk-size = 100", "a3c.remote.chunk-size", "at least 1024 bytes")]
    [InlineData("port = 70000", "a3c.remote.port", "65535")]
    [InlineData("failure-detector.threshold = 0", "a3c.remote.failure-detector.threshold", "a positive number")]
    [InlineData("reconnect-backoff { min = 2s, max = 1s }", "a3c.remote.reconnect-backoff.max", "at least MinReconnectBackoff")]
    [InlineData("failure-detector.hearbeat-interval = 1s", "hearbeat-interval", "heartbeat-interval")]
    [InlineData("compression = zstd", "a3c.remote.compression", "off, brotli")]
    [InlineData("compression-min-size = 0", "a3c.remote.compression-min-size", "a size from 1 byte")]
    [InlineData("handshake-timeout = soon", "a3c.remote.handshake-timeout", "duration")]
    public void A_bad_value_names_its_key_and_what_was_expected(string assignment, string key, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => RemoteConfig.FromConfig(Parse($"a3c.remote {{ secret = s3cret, {assignment} }}")));

        Assert.Contains(key, error.Message);
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_secret_is_not_in_the_settings_text()
    {
        var settings = RemoteConfig.FromConfig(Parse("a3c.remote.secret = do-not-print-me"));

        Assert.DoesNotContain("do-not-print-me", settings.ToString());
    }
}
