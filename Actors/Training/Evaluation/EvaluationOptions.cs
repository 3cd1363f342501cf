namespace A3C.Actors.Training.Evaluation;

/// <summary>How <see cref="PolicyEvaluation"/> plays a policy.</summary>
/// <param name="Greedy">Take the most likely action instead of sampling from the policy.</param>
/// <param name="Seed">Seeds the first reset of the environment and the action draws, so a run repeats exactly.</param>
/// <param name="RenderPath">Where to write the first episode as an animated GIF; null for none.</param>
public sealed record EvaluationOptions(int Episodes = 10, bool Greedy = false, ulong Seed = 0, string? RenderPath = null);
