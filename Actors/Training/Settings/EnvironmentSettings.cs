using A3C.Configuration;
using A3C.Models.Environments;

namespace A3C.Actors.Training.Settings;

/// <summary>Which environment each worker runs, how many copies, and with which wrappers (<c>a3c.environment</c>).</summary>
public sealed record EnvironmentSettings(string Id, int EnvsPerWorker, int MaxEpisodeSteps, bool ClipRewards, int FrameSkip, int FrameStack)
    : IConfigSettings<EnvironmentSettings>
{
    public static string SectionPath => "a3c.environment";

    public static EnvironmentSettings Read(SettingsReader r)
    {
        var settings = new EnvironmentSettings(r.GetString("id"), r.GetInt("envs-per-worker"), r.GetInt("max-episode-steps"),
            r.GetBoolean("clip-rewards"), r.GetInt("frame-skip"), r.GetInt("frame-stack"));
        if (!EnvironmentRegistry.Standard.Ids.Contains(settings.Id))
            throw r.Invalid("id", $"one of the known environments ({string.Join(", ", EnvironmentRegistry.Standard.Ids)}), got '{settings.Id}'");
        if (settings.EnvsPerWorker < 1)
            throw r.Invalid("envs-per-worker", $"a positive integer, got {settings.EnvsPerWorker}");
        return settings;
    }

    /// <summary>The wrappers' options; a max-episode-steps of 0 keeps the environment's own limit.</summary>
    public EnvironmentOptions ToOptions() => new()
    {
        MaxEpisodeSteps = MaxEpisodeSteps > 0 ? MaxEpisodeSteps : null,
        ClipRewards = ClipRewards,
        FrameSkip = FrameSkip,
        FrameStack = FrameStack,
    };
}
