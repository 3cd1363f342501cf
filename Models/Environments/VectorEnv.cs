namespace A3C.Models.Environments;

/// <summary>
/// N copies of one environment stepped together on the calling thread, like Gymnasium's <c>SyncVectorEnv</c>
/// in its <b>same-step</b> autoreset mode (<c>AutoresetMode.SAME_STEP</c>): a copy whose episode ends in a step
/// is reset within that same step, so <see cref="Observations"/> already holds the first observation of its next
/// episode, while the last observation of the finished one is kept in <see cref="FinalObservations"/> (needed to
/// bootstrap a truncated episode). Results live in preallocated flat arrays, row <c>i</c> for copy <c>i</c>,
/// overwritten by every call: a step allocates nothing.
/// </summary>
public sealed class VectorEnv<TObs>
    where TObs : unmanaged
{
    private readonly IEnvironment<TObs>[] envs;
    private readonly List<FinishedEpisode> finishedEpisodes;
    private readonly int actionSize;

    // The rows are meaningless, and the copies unstarted, until the first reset.
    private bool hasBeenReset;

    /// <param name="envs">The copies; all must share observation and action spaces. The vector owns them from now on.</param>
    public VectorEnv(IReadOnlyList<IEnvironment<TObs>> envs)
    {
        ArgumentNullException.ThrowIfNull(envs);
        if (envs.Count == 0)
            throw new ArgumentException("A vector environment needs at least one copy.", nameof(envs));
        this.envs = [.. envs];
        var first = this.envs[0];
        foreach (var env in this.envs)
        {
            if (!SameSpace(env.ObservationSpace, first.ObservationSpace) || !SameSpace(env.ActionSpace, first.ActionSpace))
                throw new ArgumentException($"All copies must share spaces: {env.Id} has {env.ObservationSpace} / {env.ActionSpace}, {first.Id} has {first.ObservationSpace} / {first.ActionSpace}.", nameof(envs));
        }
        Count = this.envs.Length;
        ObservationSize = first.ObservationSpace.Size;
        actionSize = first.ActionSpace.Size;
        Observations = new TObs[Count * ObservationSize];
        FinalObservations = new TObs[Count * ObservationSize];
        Rewards = new float[Count];
        Terminated = new bool[Count];
        Truncated = new bool[Count];
        finishedEpisodes = new List<FinishedEpisode>(Count);
    }

    public string Id => envs[0].Id;

    /// <summary>Number of copies, N.</summary>
    public int Count { get; }

    /// <summary>Elements in one copy's observation.</summary>
    public int ObservationSize { get; }

    /// <summary>The observation space of one copy; the batch has a leading dimension of <see cref="Count"/>.</summary>
    public BoxSpace SingleObservationSpace => envs[0].ObservationSpace;

    public Space SingleActionSpace => envs[0].ActionSpace;

    /// <summary>Current observations, N x <see cref="ObservationSize"/>, row-major; contiguous for a zero-copy tensor.</summary>
    public TObs[] Observations { get; }

    /// <summary>Last observation of the episode that ended in the latest step, for the rows where it did; stale elsewhere.</summary>
    public TObs[] FinalObservations { get; }

    public float[] Rewards { get; }

    public bool[] Terminated { get; }

    public bool[] Truncated { get; }

    /// <summary>Episodes that ended in the latest step; each is reported once.</summary>
    public IReadOnlyList<FinishedEpisode> FinishedEpisodes => finishedEpisodes;

    /// <summary>The copies, for rendering or inspecting one of them.</summary>
    public IReadOnlyList<IEnvironment<TObs>> Environments => envs;

    /// <summary>Resets every copy; with a seed, copy <c>i</c> is seeded with <c>seed + i</c> as Gymnasium does.</summary>
    public void Reset(ulong? seed = null)
    {
        for (var i = 0; i < Count; i++)
            envs[i].Reset(Row(Observations, i), seed is { } s ? s + (ulong)i : null);
        Array.Clear(Rewards);
        Array.Clear(Terminated);
        Array.Clear(Truncated);
        finishedEpisodes.Clear();
        hasBeenReset = true;
    }

    /// <summary>Steps every copy with its discrete action, one per copy.</summary>
    public void Step(ReadOnlySpan<int> actions)
    {
        if (!hasBeenReset)
            throw EnvironmentErrors.StepBeforeReset(Id);
        if (actions.Length != Count)
            throw new ArgumentException($"{Id}: got {actions.Length} action(s) for {Count} environment copies.", nameof(actions));
        finishedEpisodes.Clear();
        for (var i = 0; i < Count; i++)
            Record(i, envs[i].Step(actions[i], Row(Observations, i)));
    }

    /// <summary>Steps every copy with its continuous action: N rows of the action size, row-major.</summary>
    public void Step(ReadOnlySpan<float> actions)
    {
        if (!hasBeenReset)
            throw EnvironmentErrors.StepBeforeReset(Id);
        if (actions.Length != Count * actionSize)
            throw new ArgumentException($"{Id}: got {actions.Length} action value(s) for {Count} copies of action space {SingleActionSpace} ({Count * actionSize} needed).", nameof(actions));
        finishedEpisodes.Clear();
        for (var i = 0; i < Count; i++)
            Record(i, envs[i].Step(actions.Slice(i * actionSize, actionSize), Row(Observations, i)));
    }

    private void Record(int i, StepResult result)
    {
        Rewards[i] = (float)result.Reward;
        Terminated[i] = result.Terminated;
        Truncated[i] = result.Truncated;
        if (!result.Done)
            return;
        var observation = Row(Observations, i);
        observation.CopyTo(Row(FinalObservations, i));
        if (result.Episode is { } episode)
            finishedEpisodes.Add(new FinishedEpisode(i, episode));
        envs[i].Reset(observation);
    }

    private static bool SameSpace(Space a, Space b) => (a, b) switch
    {
        (DiscreteSpace x, DiscreteSpace y) => x.N == y.N,
        (BoxSpace x, BoxSpace y) => x.ElementType == y.ElementType && x.Shape.SequenceEqual(y.Shape)
                                    && x.Low.SequenceEqual(y.Low) && x.High.SequenceEqual(y.High),
        _ => false,
    };

    private Span<TObs> Row(TObs[] buffer, int i) => buffer.AsSpan(i * ObservationSize, ObservationSize);
}
