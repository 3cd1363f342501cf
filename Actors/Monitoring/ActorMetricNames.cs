namespace A3C.Actors.Monitoring;

/// <summary>
/// The names a scraper sees: the meter, its instruments and the labels on every series. Label
/// keys are already valid Prometheus names, so exporters publish them unchanged.
/// </summary>
public static class ActorMetricNames
{
    public const string Meter = "A3C.Actors";

    public const string MailboxDepth = "a3c.actor.mailbox_depth";
    public const string MessagesProcessed = "a3c.actor.messages_processed";
    public const string ProcessingTime = "a3c.actor.processing_time";
    public const string Restarts = "a3c.actor.restarts";
    public const string Failures = "a3c.actor.failures";
    public const string DeadLetters = "a3c.actor_system.dead_letters";

    public const string SystemTag = "system";
    public const string ActorPathTag = "actor_path";
    public const string ActorTypeTag = "actor_type";
    public const string RunTag = "run";
    public const string EnvironmentTag = "environment";
    public const string ModeTag = "mode";
}
