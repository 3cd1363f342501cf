namespace A3C.Models.Environments;

/// <summary>What the registry knows about an environment id before making one.</summary>
/// <param name="Id">The registry id, e.g. <c>CartPole-v1</c>.</param>
/// <param name="ObservationType">Float32 for vector observations (make with <c>Make&lt;float&gt;</c>), UInt8 for pixels (<c>Make&lt;byte&gt;</c>).</param>
/// <param name="MaxEpisodeSteps">The time limit in environment steps (frames, for pixel games).</param>
/// <param name="Description">One line for listings.</param>
public sealed record EnvironmentSpec(string Id, ElementType ObservationType, int MaxEpisodeSteps, string Description);
