using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.Wrappers;

/// <summary>
/// Base of the wrappers: every member forwards to the wrapped environment unless a wrapper overrides it,
/// as Gymnasium's <c>gymnasium.Wrapper</c> does.
/// </summary>
public abstract class EnvironmentWrapper<TObs> : IEnvironment<TObs>
    where TObs : unmanaged
{
    protected EnvironmentWrapper(IEnvironment<TObs> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    public IEnvironment<TObs> Inner { get; }

    public virtual string Id => Inner.Id;

    public virtual BoxSpace ObservationSpace => Inner.ObservationSpace;

    public virtual Space ActionSpace => Inner.ActionSpace;

    public virtual void Reset(Span<TObs> observation, ulong? seed = null) => Inner.Reset(observation, seed);

    public virtual StepResult Step(int action, Span<TObs> observation) => Inner.Step(action, observation);

    public virtual StepResult Step(ReadOnlySpan<float> action, Span<TObs> observation) => Inner.Step(action, observation);

    public virtual RgbFrame Render() => Inner.Render();
}
