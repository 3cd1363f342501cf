using System.Globalization;

namespace A3C.Models.Environments;

/// <summary>
/// Builds the errors for actions and buffers that do not fit an environment's spaces, naming the environment, the
/// value and the space, and for calls made out of order.
/// </summary>
internal static class EnvironmentErrors
{
    public static ArgumentException OutOfSpace(string envId, int action, Space space) =>
        new($"{envId}: action {action} is outside the action space {space}.", "action");

    public static ArgumentException OutOfSpace(string envId, ReadOnlySpan<float> action, Space space) =>
        new($"{envId}: action {Describe(action)} is outside the action space {space}.", "action");

    public static ArgumentException DiscreteGivenToBox(string envId, int action, Space space) =>
        new($"{envId}: got the discrete action {action} but the action space is {space}; pass a float span of {space.Size} element(s).", "action");

    public static ArgumentException VectorGivenToDiscrete(string envId, ReadOnlySpan<float> action, Space space) =>
        new($"{envId}: got the float action {Describe(action)} but the action space is {space}; pass one integer.", "action");

    public static ArgumentException WrongShape(string envId, ReadOnlySpan<float> action, Space space) =>
        new($"{envId}: action {Describe(action)} has {action.Length} element(s) but the action space {space} needs {space.Size}.", "action");

    /// <summary>Refuses a continuous action of the wrong length or holding NaN or an infinity; finite values beyond the bounds pass (the dynamics clip them).</summary>
    public static void RequireFiniteOfSize(string envId, ReadOnlySpan<float> action, Space space)
    {
        if (action.Length != space.Size) throw WrongShape(envId, action, space);
        foreach (var value in action)
        {
            if (!float.IsFinite(value)) throw OutOfSpace(envId, action, space);
        }
    }

    public static ArgumentException WrongObservationBuffer(string envId, int length, BoxSpace space) =>
        new($"{envId}: the observation buffer holds {length} element(s) but the observation space {space} needs {space.Size}.", "observation");

    public static InvalidOperationException StepBeforeReset(string envId) =>
        new($"{envId}: Step was called before Reset; call Reset to start an episode first.");

    public static InvalidOperationException StepAfterEpisodeEnd(string envId) =>
        new($"{envId}: the previous step ended the episode (terminated or truncated); call Reset to start a new episode before stepping again.");

    private static string Describe(ReadOnlySpan<float> action)
    {
        var parts = new string[action.Length];
        for (var i = 0; i < action.Length; i++)
            parts[i] = action[i].ToString("R", CultureInfo.InvariantCulture);
        return "[" + string.Join(", ", parts) + "]";
    }
}
