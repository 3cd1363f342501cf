using A3C.Configuration;

namespace A3C.Actors.Training.Settings;

/// <summary>
/// Fault injection (<c>a3c.faults</c>): the probability that an environment or rollout actor
/// throws while handling a step, to watch supervision restart it.
/// </summary>
public sealed record FaultSettings(double EnvCrashProbability, double RolloutCrashProbability) : IConfigSettings<FaultSettings>
{
    public static FaultSettings None { get; } = new(0, 0);

    public static string SectionPath => "a3c.faults";

    public static FaultSettings Read(SettingsReader r)
    {
        var settings = new FaultSettings(r.GetDouble("env-crash-probability"), r.GetDouble("rollout-crash-probability"));
        if (settings.EnvCrashProbability is < 0 or > 1)
            throw r.Invalid("env-crash-probability", $"a probability in [0, 1], got {settings.EnvCrashProbability}");
        if (settings.RolloutCrashProbability is < 0 or > 1)
            throw r.Invalid("rollout-crash-probability", $"a probability in [0, 1], got {settings.RolloutCrashProbability}");
        return settings;
    }
}
