using A3C.Actors.Training.Settings;
using A3C.Configuration;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>Everything a run is made from: the settings sections and the config text that produced them.</summary>
public sealed record TrainingRecipe(
    string RunName,
    TrainingSettings Training,
    EnvironmentSettings Environment,
    FaultSettings Faults,
    string ConfigText)
{
    public static TrainingRecipe FromConfig(Config config, string runName) => new(
        runName,
        config.Bind<TrainingSettings>(),
        config.Bind<EnvironmentSettings>(),
        config.Bind<FaultSettings>(),
        config.Render());

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
