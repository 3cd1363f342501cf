using A3C.Actors.Training.Settings;
using A3C.Configuration;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;

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
    // Secrets a config may hold: stored snapshots carry the config text, so these are blanked.
    private static readonly string[] SecretPaths = ["a3c.persistence.connection-string", "a3c.remote.secret"];

    /// <summary>The learner's state to start from instead of fresh weights; null for a new run.</summary>
    public ResumePoint? ResumeFrom { get; init; }

    /// <summary>Weights a new run starts from instead of fresh ones (an export); null for fresh weights.</summary>
    public InitialWeights? InitFrom { get; init; }

    /// <summary>
    /// Rollout workers started in the learner's process; null means <c>training.workers</c>. A
    /// learner node of a cluster starts none: its workers join over the network.
    /// </summary>
    public int? LocalWorkers { get; init; }

    public static TrainingRecipe FromConfig(Config config, string runName) => new(
        runName,
        config.Bind<TrainingSettings>(),
        config.Bind<EnvironmentSettings>(),
        config.Bind<FaultSettings>(),
        config.Bind<PersistenceSettings>(),
        Redacted(config).Render());

    // The config text is stored in every snapshot: a database password or cluster secret must not travel with it.
    private static Config Redacted(Config config)
    {
        var blanks = SecretPaths.Where(path => config.HasPath(path) && config.GetString(path).Length > 0).Select(path => $"{path} = \"\"").ToList();
        return blanks.Count == 0 ? config : config.WithOverrides(blanks);
    }

    /// <summary>The spaces of one environment copy, read from a throwaway instance.</summary>
    /// <summary>The network this recipe trains, on the CPU, with its seed's initial weights.</summary>
    public ActorCritic CreateNetwork()
    {
        var (observations, actions, _) = Spaces();
        return ActorCriticFactory.Create(observations, actions, Training.Hidden, Training.Seed);
    }

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
