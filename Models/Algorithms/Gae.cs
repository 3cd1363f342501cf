namespace A3C.Models.Algorithms;

/// <summary>
/// Generalised advantage estimation (Schulman et al. 2016) over a rollout of T steps of N copies,
/// row t·N + i for step t of copy i, read backwards in time:
/// <code>
///   δ_t   = r_t + γ (1 - terminated_t) V(s'_t) - V(s_t)
///   Â_t   = δ_t + γ λ (1 - done_t) Â_{t+1}           done = terminated or truncated; Â_T = 0
///   R_t   = Â_t + V(s_t)                               the value target (λ-return)
/// </code>
/// s'_t is the state the step reached: s_{t+1} inside an episode, the episode's final observation
/// where it was truncated (a time limit: the state still has a value to bootstrap from), and
/// nothing where it terminated. Every step's next value is passed explicitly, so a truncation
/// bootstraps from its own final state, while the recursion still stops at every episode end.
/// </summary>
public static class Gae
{
    /// <param name="values">V(s_t), T·N.</param>
    /// <param name="nextValues">V(s'_t), T·N (ignored where terminated).</param>
    public static void Compute(int steps, int envs, ReadOnlySpan<float> rewards, ReadOnlySpan<float> values,
        ReadOnlySpan<float> nextValues, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated,
        double gamma, double lambda, Span<float> advantages, Span<float> returns)
    {
        var n = steps * envs;
        if (rewards.Length < n || values.Length < n || nextValues.Length < n || terminated.Length < n || truncated.Length < n
            || advantages.Length < n || returns.Length < n)
            throw new ArgumentException($"every buffer needs {steps} x {envs} = {n} rows");
        for (var env = 0; env < envs; env++)
        {
            double following = 0; // Â_{t+1}
            for (var t = steps - 1; t >= 0; t--)
            {
                var i = t * envs + env;
                var bootstrap = terminated[i] ? 0.0 : nextValues[i];
                var delta = rewards[i] + gamma * bootstrap - values[i];
                var continues = terminated[i] || truncated[i] ? 0.0 : 1.0;
                following = delta + gamma * lambda * continues * following;
                advantages[i] = (float)following;
                returns[i] = (float)(following + values[i]);
            }
        }
    }

    /// <summary>
    /// The next values of a rollout: V(s_{t+1}) = values of the following row, the last row's from
    /// <paramref name="lastValues"/> (V of the observations after the rollout, N), and where an
    /// episode ended, <paramref name="finalValues"/> (V of that step's final observation, T·N).
    /// </summary>
    public static void NextValues(int steps, int envs, ReadOnlySpan<float> values, ReadOnlySpan<float> lastValues,
        ReadOnlySpan<float> finalValues, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, Span<float> nextValues)
    {
        for (var t = 0; t < steps; t++)
        for (var env = 0; env < envs; env++)
        {
            var i = t * envs + env;
            nextValues[i] = terminated[i] || truncated[i] ? finalValues[i]
                : t == steps - 1 ? lastValues[env]
                : values[i + envs];
        }
    }
}
