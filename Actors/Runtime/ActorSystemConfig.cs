using A3C.Actors.Runtime.Event;
using A3C.Configuration;

namespace A3C.Actors.Runtime;

/// <summary>Binds <see cref="ActorSystemSettings"/> from the <c>a3c.actor</c> section of a HOCON config.</summary>
public static class ActorSystemConfig
{
    public const string SectionPath = "a3c.actor";

    /// <exception cref="ConfigException">A missing, mistyped, out-of-range or unknown key, with its file and line.</exception>
    public static ActorSystemSettings FromConfig(Config config)
    {
        var actor = new SettingsReader(config, SectionPath);
        var dispatcher = actor.GetSection("default-dispatcher");
        var mailbox = actor.GetSection("default-mailbox");
        var metrics = actor.GetSection("metrics");

        var throughput = dispatcher.GetInt("throughput");
        if (throughput < 1) throw dispatcher.Invalid("throughput", $"a positive number of messages, got {throughput}");
        var sampleInterval = metrics.GetInt("processing-time-sample-interval");
        if (sampleInterval < 1 || (sampleInterval & (sampleInterval - 1)) != 0)
            throw metrics.Invalid("processing-time-sample-interval", $"a power of two, got {sampleInterval}");

        var settings = new ActorSystemSettings
        {
            Throughput = throughput,
            PreferLocalQueue = dispatcher.GetBoolean("prefer-local-queue"),
            DefaultMailbox = Mailbox(mailbox),
            MetricsEnabled = metrics.GetBoolean("enabled"),
            ProcessingTimeSampleInterval = sampleInterval,
            LogLevel = actor.GetEnum<LogLevel>("log-level"),
            LogToStdErr = actor.GetBoolean("log-to-stderr"),
            LogDeadLetters = actor.GetBoolean("log-dead-letters"),
        };
        actor.ThrowIfUnknownKeys();
        return settings;
    }

    private static MailboxSettings Mailbox(SettingsReader mailbox)
    {
        var type = mailbox.GetString("type");
        var capacity = mailbox.GetInt("capacity");
        var overflow = mailbox.GetEnum<MailboxOverflow>("overflow");
        return type switch
        {
            "unbounded" => MailboxSettings.Unbounded,
            "bounded" when capacity >= 1 => MailboxSettings.Bounded(capacity, overflow),
            "bounded" => throw mailbox.Invalid("capacity", $"a positive capacity for a bounded mailbox, got {capacity}"),
            _ => throw mailbox.Invalid("type", $"unbounded or bounded, got '{type}'"),
        };
    }
}
