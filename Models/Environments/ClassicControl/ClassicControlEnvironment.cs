using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.ClassicControl;

/// <summary>
/// Shared plumbing of the classic-control tasks: seeding, action and buffer validation, and exact state access
/// for tests. Subclasses hold their state in doubles (NumPy's float64) and emit float32 observations.
/// </summary>
public abstract class ClassicControlEnvironment : IEnvironment<float>
{
    private readonly int discreteActionCount;
    private Xoshiro256? random;

    // Stepping before the first reset would integrate from an all-zero state no reset can produce.
    private bool hasBeenReset;

    protected ClassicControlEnvironment(string id, BoxSpace observationSpace, Space actionSpace)
    {
        Id = id;
        ObservationSpace = observationSpace;
        ActionSpace = actionSpace;
        discreteActionCount = actionSpace is DiscreteSpace discrete ? discrete.N : 0;
    }

    public string Id { get; }

    public BoxSpace ObservationSpace { get; }

    public Space ActionSpace { get; }

    /// <summary>Number of doubles in the internal state (see <see cref="SetState"/>).</summary>
    public abstract int StateSize { get; }

    /// <summary>
    /// Sets the exact internal state, in the order Gymnasium keeps <c>env.unwrapped.state</c>. It does not start an
    /// episode: call <see cref="Reset"/> first, as before any step.
    /// </summary>
    public void SetState(ReadOnlySpan<double> state)
    {
        if (state.Length != StateSize)
            throw new ArgumentException($"{Id}: the state has {StateSize} elements, got {state.Length}.", nameof(state));
        LoadState(state);
    }

    /// <summary>Copies the internal state out, in the order <see cref="SetState"/> takes it.</summary>
    public double[] GetState()
    {
        var state = new double[StateSize];
        StoreState(state);
        return state;
    }

    /// <summary>Writes the observation of the current state, e.g. after <see cref="SetState"/>.</summary>
    public void Observe(Span<float> observation)
    {
        CheckBuffer(observation);
        WriteObservation(observation);
    }

    public void Reset(Span<float> observation, ulong? seed = null)
    {
        CheckBuffer(observation);
        if (seed is { } value)
            random = new Xoshiro256(value);
        random ??= Xoshiro256.FromEntropy();
        SampleInitialState(random);
        hasBeenReset = true;
        WriteObservation(observation);
    }

    public StepResult Step(int action, Span<float> observation)
    {
        if (!hasBeenReset)
            throw EnvironmentErrors.StepBeforeReset(Id);
        if (discreteActionCount == 0)
            throw EnvironmentErrors.DiscreteGivenToBox(Id, action, ActionSpace);
        if ((uint)action >= (uint)discreteActionCount)
            throw EnvironmentErrors.OutOfSpace(Id, action, ActionSpace);
        CheckBuffer(observation);
        var result = Advance(action);
        WriteObservation(observation);
        return result;
    }

    /// <summary>
    /// Steps with a continuous action. Finite values beyond the bounds are clipped by the dynamics as Gymnasium
    /// does; NaN or infinite values are rejected.
    /// </summary>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        if (!hasBeenReset)
            throw EnvironmentErrors.StepBeforeReset(Id);
        if (discreteActionCount != 0)
            throw EnvironmentErrors.VectorGivenToDiscrete(Id, action, ActionSpace);
        EnvironmentErrors.RequireFiniteOfSize(Id, action, ActionSpace);
        CheckBuffer(observation);
        var result = Advance(action);
        WriteObservation(observation);
        return result;
    }

    public abstract RgbFrame Render();

    protected abstract void LoadState(ReadOnlySpan<double> state);

    protected abstract void StoreState(Span<double> state);

    /// <summary>Draws the start state from Gymnasium's uniform ranges.</summary>
    protected abstract void SampleInitialState(Xoshiro256 random);

    protected abstract void WriteObservation(Span<float> observation);

    /// <summary>Advances a task with a discrete action space; the action is already validated. Only such tasks override it.</summary>
    protected virtual StepResult Advance(int action) => throw new System.Diagnostics.UnreachableException();

    /// <summary>Advances a task with a box action space; the action has the right length and is finite. Only such tasks override it.</summary>
    protected virtual StepResult Advance(ReadOnlySpan<float> action) => throw new System.Diagnostics.UnreachableException();

    private void CheckBuffer(Span<float> observation)
    {
        if (observation.Length != ObservationSpace.Size)
            throw EnvironmentErrors.WrongObservationBuffer(Id, observation.Length, ObservationSpace);
    }
}
