using A3C.Actors.Training.Settings;
using A3C.Configuration;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>
/// Everything a run is made from: the settings sections, the config text that produced them and,
/// when the run continues an earlier one, the snapshot it resumes from.
/// </summary>
public sealed record TrainingRecipe(
    string RunName,
    TrainingSettings Training,
    EnvironmentSettings Environment,
    FaultSettings Faults,
    PersistenceSettings Persistence,
    string ConfigText)
{
    private const string ConnectionStringPath = "a3c.persistence.connection-string";

    /// <summary>The learner's state to start from instead of fresh weights; null for a new run.</summary>
    public ResumePoint? ResumeFrom { get; init; }

    public static TrainingRecipe FromConfig(Config config, string runName) => new(
        runName,
        config.Bind<TrainingSettings>(),
        config.Bind<EnvironmentSettings>(),
        config.Bind<FaultSettings>(),
        config.Bind<PersistenceSettings>(),
        Redacted(config).Render());

    // The config text is stored in every snapshot: a database password must not travel with it.
    private static Config Redacted(Config config) =>
        config.HasPath(ConnectionStringPath) && config.GetString(ConnectionStringPath).Length > 0
            ? config.WithOverrides([$"{ConnectionStringPath} = \"\""]).Resolve()
            : config;

    /// <summary>The spaces of one environment copy, read from a throwaway instance.</summary>
    public (BoxSpace Observations, Space Actions, ElementType ObservationType) Spaces()
    {
        var spec = EnvironmentRegistry.Standard.Spec(Environment.Id);
        return spec.ObservationType == ElementType.UInt8 ? Of<byte>() : Of<float>();

        (BoxSpace, Space, ElementType) Of<TObs>() where TObs : unmanaged, System.Numerics.INumber<TObs>
        {
            var env = EnvironmentRegistry.Standard.Make<TObs>(Environment.Id, Environment.ToOptions());
            return (env.ObservationSpace, env.ActionSpace, spec.ObservationType);
        }
    }
}
