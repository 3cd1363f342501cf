using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments;

/// <summary>
/// A simulation with Gymnasium's contract: <c>Reset</c> starts an episode, <c>Step</c> advances it by one action.
/// Observations are written into a caller-owned buffer of <see cref="BoxSpace.Size"/> elements so that
/// stepping allocates nothing.
/// </summary>
/// <typeparam name="TObs"><see cref="float"/> for vector observations, <see cref="byte"/> for pixels.</typeparam>
public interface IEnvironment<TObs>
    where TObs : unmanaged
{
    /// <summary>Registry id, e.g. <c>CartPole-v1</c>; error messages name it.</summary>
    string Id { get; }

    BoxSpace ObservationSpace { get; }

    /// <summary>A <see cref="DiscreteSpace"/> (use the <c>int</c> overload of Step) or a <see cref="BoxSpace"/> (use the span overload).</summary>
    Space ActionSpace { get; }

    /// <summary>
    /// Starts a new episode and writes its first observation. A seed re-seeds the environment's generator;
    /// without one, the generator continues, so successive episodes differ (Gymnasium's rule).
    /// </summary>
    void Reset(Span<TObs> observation, ulong? seed = null);

    /// <summary>
    /// Steps with a discrete action; throws <see cref="ArgumentException"/> for a Box action space or an action out
    /// of range, and <see cref="InvalidOperationException"/> before the first <see cref="Reset"/>.
    /// </summary>
    StepResult Step(int action, Span<TObs> observation);

    /// <summary>
    /// Steps with a continuous action; throws <see cref="ArgumentException"/> for a Discrete action space or a wrong
    /// length, and <see cref="InvalidOperationException"/> before the first <see cref="Reset"/>.
    /// </summary>
    StepResult Step(ReadOnlySpan<float> action, Span<TObs> observation);

    /// <summary>Draws the current state as an RGB image.</summary>
    RgbFrame Render();
}
