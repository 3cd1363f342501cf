using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Event;
using A3C.Configuration;

namespace A3C.Actors.Tests.Runtime;

public sealed class ActorSystemConfigTests
{
    private static Config Parse(string hocon) =>
        ConfigFactory.ParseString(hocon, "system.conf").WithFallback(ConfigFactory.LoadReference());

    [Fact]
    public void The_shipped_defaults_are_akkas()
    {
        var settings = ActorSystemConfig.FromConfig(ConfigFactory.LoadReference());
        Assert.Equal(30, settings.Throughput);
        Assert.Equal(MailboxSettings.Unbounded, settings.DefaultMailbox);
        Assert.True(settings.MetricsEnabled);
    }

    [Fact]
    public void A_config_chooses_throughput_mailbox_and_logging()
    {
        var settings = ActorSystemConfig.FromConfig(Parse("""
            a3c.actor {
              default-dispatcher.throughput = 5
              default-mailbox { type = bounded, capacity = 16, overflow = drop-to-dead-letters }
              log-level = warning
            }
            """));
        Assert.Equal(5, settings.Throughput);
        Assert.Equal(MailboxSettings.Bounded(16, MailboxOverflow.DropToDeadLetters), settings.DefaultMailbox);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
    }

    [Fact]
    public async Task A_system_starts_from_a_config()
    {
        var system = ActorSystem.Create("configured", Parse("a3c.actor.default-dispatcher.throughput = 7"));
        Assert.Equal(7, system.Settings.Throughput);
        await system.Terminate();
    }

    [Theory]
    [InlineData("a3c.actor.default-dispatcher.throughput = 0", "system.conf:1", "throughput", "positive")]
    [InlineData("a3c.actor.default-mailbox.type = lossy", "system.conf:1", "default-mailbox.type", "unbounded or bounded")]
    [InlineData("a3c.actor.metrics.processing-time-sample-interval = 10", "system.conf:1", "sample-interval", "power of two")]
    [InlineData("a3c.actor.default-dispatcher.througput = 3", "system.conf:1", "througput", "throughput")]
    public void Bad_settings_name_the_file_line_and_key(string hocon, string where, string key, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ActorSystemConfig.FromConfig(Parse(hocon)));
        Assert.Contains(where, error.Message);
        Assert.Contains(key, error.Message);
        Assert.Contains(expected, error.Message);
    }
}
