using A3C.Configuration;

namespace A3C.Actors.Training.Cluster;

/// <summary>How often a worker node asks again while the learner's run is not up yet, and waits before joining again after being downed (<c>a3c.cluster</c>).</summary>
public sealed record ClusterJoinSettings(TimeSpan RetryInterval) : IConfigSettings<ClusterJoinSettings>
{
    public static string SectionPath => "a3c.cluster";

    public static ClusterJoinSettings Read(SettingsReader r)
    {
        var settings = new ClusterJoinSettings(r.GetDuration("retry-interval"));
        if (settings.RetryInterval <= TimeSpan.Zero) throw r.Invalid("retry-interval", $"a positive duration, got {settings.RetryInterval}");
        return settings;
    }
}
