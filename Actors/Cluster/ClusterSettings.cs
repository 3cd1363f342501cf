using A3C.Configuration;

namespace A3C.Actors.Cluster;

/// <summary>How a joining node retries (<c>a3c.cluster</c>).</summary>
public sealed record ClusterSettings(TimeSpan MinRetryInterval, TimeSpan MaxRetryInterval) : IConfigSettings<ClusterSettings>
{
    public static string SectionPath => "a3c.cluster";

    public static ClusterSettings Read(SettingsReader r)
    {
        var retry = r.GetSection("retry-interval");
        var settings = new ClusterSettings(retry.GetDuration("min"), retry.GetDuration("max"));
        if (settings.MinRetryInterval <= TimeSpan.Zero) throw retry.Invalid("min", $"a positive duration, got {settings.MinRetryInterval}");
        if (settings.MaxRetryInterval < settings.MinRetryInterval)
            throw retry.Invalid("max", $"at least retry-interval.min ({settings.MinRetryInterval}), got {settings.MaxRetryInterval}");
        return settings;
    }
}
