namespace A3C.Configuration;

/// <summary>
/// A typed settings record bound from one config section. Defaults belong in <c>hocon/reference.conf</c>,
/// not in code, so <see cref="Read"/> reads every key unconditionally.
/// </summary>
/// <example>
/// <code>
/// public sealed record MailboxSettings(int Capacity, TimeSpan PushTimeout) : IConfigSettings&lt;MailboxSettings&gt;
/// {
///     public static string SectionPath => "a3c.actor.default-mailbox";
///     public static MailboxSettings Read(SettingsReader r) => new(r.GetInt("capacity"), r.GetDuration("push-timeout"));
/// }
/// var settings = config.Bind&lt;MailboxSettings&gt;();
/// </code>
/// </example>
public interface IConfigSettings<TSelf> where TSelf : IConfigSettings<TSelf>
{
    /// <summary>The config path of the section, e.g. <c>a3c.actor.default-mailbox</c>.</summary>
    static abstract string SectionPath { get; }

    /// <summary>Builds the settings from the section's keys.</summary>
    static abstract TSelf Read(SettingsReader reader);
}
