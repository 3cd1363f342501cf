using static TorchSharp.torch;

namespace A3C.Models.Algorithms;

/// <summary>
/// An experience replay memory (Lin 1992; Mnih et al. 2015): a preallocated ring of transitions
/// (s, a, r, s', terminated) that overwrites the oldest once full, sampled uniformly with replacement
/// from its own seeded generator. Actions are float vectors or single ints, fixed at construction.
/// <para>
/// Episode ends follow Gymnasium: only <c>terminated</c> is stored, because it alone stops the
/// bootstrap (the value of s' is zero). A truncated step (time limit) is stored as not terminated,
/// with s' the episode's real last observation, since the state still had a future. With a
/// same-step autoresetting <c>VectorEnv</c>, <see cref="AddVector"/> takes s' from the final
/// observations in the rows where an episode ended.
/// </para>
/// </summary>
public sealed class ReplayBuffer
{
    private readonly float[] _observations;
    private readonly float[] _nextObservations;
    private readonly float[] _actions;
    private readonly int[] _discreteActions;
    private readonly float[] _rewards;
    private readonly bool[] _terminated;
    private readonly Random _random;
    private int _next;

    /// <param name="actionSize">Floats per action, or 0 for a single int action per transition.</param>
    public ReplayBuffer(int capacity, int observationSize, int actionSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(actionSize);
        (Capacity, ObservationSize, ActionSize) = (capacity, observationSize, actionSize);
        _observations = new float[checked(capacity * observationSize)];
        _nextObservations = new float[checked(capacity * observationSize)];
        _actions = new float[checked(capacity * actionSize)];
        _discreteActions = actionSize == 0 ? new int[capacity] : [];
        _rewards = new float[capacity];
        _terminated = new bool[capacity];
        _random = new Random(seed);
    }

    public int Capacity { get; }

    public int ObservationSize { get; }

    /// <summary>Floats per action; 0 when actions are ints.</summary>
    public int ActionSize { get; }

    public bool DiscreteActions => ActionSize == 0;

    /// <summary>Transitions held: grows to <see cref="Capacity"/> and stays there.</summary>
    public int Count { get; private set; }

    /// <summary>Stores one transition with a continuous action.</summary>
    public void Add(ReadOnlySpan<float> observation, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated)
    {
        if (DiscreteActions) throw new InvalidOperationException("this buffer holds int actions");
        if (action.Length != ActionSize) throw new ArgumentException($"an action has {ActionSize} floats here, got {action.Length}", nameof(action));
        action.CopyTo(_actions.AsSpan(_next * ActionSize, ActionSize));
        Store(observation, reward, nextObservation, terminated);
    }

    /// <summary>Stores one transition with a discrete action.</summary>
    public void Add(ReadOnlySpan<float> observation, int action, float reward, ReadOnlySpan<float> nextObservation, bool terminated)
    {
        if (!DiscreteActions) throw new InvalidOperationException($"this buffer holds actions of {ActionSize} floats");
        _discreteActions[_next] = action;
        Store(observation, reward, nextObservation, terminated);
    }

    /// <summary>
    /// Stores one vector step of N copies (continuous actions, N rows of <see cref="ActionSize"/>).
    /// Where a copy's episode ended, s' is its row of <paramref name="finalObservations"/>.
    /// </summary>
    public void AddVector(ReadOnlySpan<float> observations, ReadOnlySpan<float> actions, ReadOnlySpan<float> rewards,
        ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<float> nextObservations, ReadOnlySpan<float> finalObservations)
    {
        for (var i = 0; i < rewards.Length; i++)
        {
            var next = terminated[i] || truncated[i] ? finalObservations : nextObservations;
            Add(observations.Slice(i * ObservationSize, ObservationSize), actions.Slice(i * ActionSize, ActionSize), rewards[i],
                next.Slice(i * ObservationSize, ObservationSize), terminated[i]);
        }
    }

    /// <summary>As the other <see cref="AddVector(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{bool}, ReadOnlySpan{bool}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>, for int actions.</summary>
    public void AddVector(ReadOnlySpan<float> observations, ReadOnlySpan<int> actions, ReadOnlySpan<float> rewards,
        ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<float> nextObservations, ReadOnlySpan<float> finalObservations)
    {
        for (var i = 0; i < rewards.Length; i++)
        {
            var next = terminated[i] || truncated[i] ? finalObservations : nextObservations;
            Add(observations.Slice(i * ObservationSize, ObservationSize), actions[i], rewards[i],
                next.Slice(i * ObservationSize, ObservationSize), terminated[i]);
        }
    }

    /// <summary>Draws <paramref name="batchSize"/> transitions uniformly, with replacement, into a new batch.</summary>
    public ReplayBatch Sample(int batchSize)
    {
        var batch = new ReplayBatch(batchSize, ObservationSize, ActionSize);
        SampleInto(batch);
        return batch;
    }

    /// <summary>Draws <paramref name="batch"/>'s size of transitions into it, reusing its arrays.</summary>
    public void SampleInto(ReplayBatch batch)
    {
        if (Count == 0) throw new InvalidOperationException("cannot sample an empty replay buffer");
        if (batch.ObservationSize != ObservationSize || batch.ActionSize != ActionSize)
            throw new ArgumentException("the batch was made for another buffer's shapes", nameof(batch));
        var o = ObservationSize;
        for (var row = 0; row < batch.Count; row++)
        {
            var index = _random.Next(Count);
            batch.Indices[row] = index;
            _observations.AsSpan(index * o, o).CopyTo(batch.Observations.AsSpan(row * o));
            _nextObservations.AsSpan(index * o, o).CopyTo(batch.NextObservations.AsSpan(row * o));
            if (DiscreteActions) batch.DiscreteActions[row] = _discreteActions[index];
            else _actions.AsSpan(index * ActionSize, ActionSize).CopyTo(batch.Actions.AsSpan(row * ActionSize));
            batch.Rewards[row] = _rewards[index];
            batch.Terminated[row] = _terminated[index] ? 1f : 0f;
        }
    }

    private void Store(ReadOnlySpan<float> observation, float reward, ReadOnlySpan<float> nextObservation, bool terminated)
    {
        if (observation.Length != ObservationSize || nextObservation.Length != ObservationSize)
            throw new ArgumentException($"observations have {ObservationSize} floats here, got {observation.Length} and {nextObservation.Length}");
        observation.CopyTo(_observations.AsSpan(_next * ObservationSize, ObservationSize));
        nextObservation.CopyTo(_nextObservations.AsSpan(_next * ObservationSize, ObservationSize));
        _rewards[_next] = reward;
        _terminated[_next] = terminated;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }
}

/// <summary>
/// Transitions drawn from a <see cref="ReplayBuffer"/>, row-major: row i holds s, a, r, s' and
/// terminated (1 or 0) of one transition, and <see cref="Indices"/> says which slot it came from.
/// </summary>
public sealed class ReplayBatch
{
    public ReplayBatch(int count, int observationSize, int actionSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        (Count, ObservationSize, ActionSize) = (count, observationSize, actionSize);
        Observations = new float[count * observationSize];
        NextObservations = new float[count * observationSize];
        Actions = new float[count * actionSize];
        DiscreteActions = actionSize == 0 ? new int[count] : [];
        Rewards = new float[count];
        Terminated = new float[count];
        Indices = new int[count];
    }

    public int Count { get; }

    public int ObservationSize { get; }

    public int ActionSize { get; }

    public float[] Observations { get; }

    public float[] NextObservations { get; }

    /// <summary>Continuous actions, Count × ActionSize; empty when actions are ints.</summary>
    public float[] Actions { get; }

    /// <summary>Int actions; empty when actions are floats.</summary>
    public int[] DiscreteActions { get; }

    public float[] Rewards { get; }

    /// <summary>1 where s' is terminal (no bootstrap), 0 elsewhere, truncations included.</summary>
    public float[] Terminated { get; }

    public int[] Indices { get; }

    /// <summary>
    /// The batch as tensors, owned by the caller's dispose scope: observations [B, O], actions
    /// [B, A] float (or [B] int64), rewards [B], next observations [B, O], terminated [B].
    /// </summary>
    public (Tensor Observations, Tensor Actions, Tensor Rewards, Tensor NextObservations, Tensor Terminated) ToTensors() => (
        tensor(Observations, [Count, ObservationSize]),
        ActionSize == 0 ? tensor(DiscreteActions, [Count]).to_type(ScalarType.Int64) : tensor(Actions, [Count, ActionSize]),
        tensor(Rewards, [Count]),
        tensor(NextObservations, [Count, ObservationSize]),
        tensor(Terminated, [Count]));
}
