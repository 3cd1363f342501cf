namespace A3C.Models.Algorithms;

/// <summary>
/// Turns the steps of N environment copies into n-step transitions. Each copy keeps its last n
/// (observation, action, reward) steps; once n are pending, the oldest becomes a transition that
/// bootstraps from the newest observation. When an episode ends, every pending step is emitted:
/// a termination bootstraps from nothing (the return is complete), a truncation (time limit)
/// bootstraps from the episode's final observation, because the state still had a future.
/// </summary>
public sealed class NStepTransitionBuilder<TObs> where TObs : unmanaged
{
    private readonly int _envCount;
    private readonly int _observationSize;
    private readonly int _steps;
    private readonly float _gamma;

    // Per copy: a ring of pending steps (start index and length) over these buffers.
    private readonly TObs[] _pendingObservations;
    private readonly int[] _pendingActions;
    private readonly float[] _pendingRewards;
    private readonly int[] _ringStart;
    private readonly int[] _ringLength;

    private TObs[] _observations;
    private int[] _actions;
    private float[] _returns;
    private TObs[] _bootstrapObservations;
    private float[] _bootstrapDiscounts;

    public NStepTransitionBuilder(int envCount, int observationSize, int steps, double gamma, int initialCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        _envCount = envCount;
        _observationSize = observationSize;
        _steps = steps;
        _gamma = (float)gamma;
        _pendingObservations = new TObs[envCount * steps * observationSize];
        _pendingActions = new int[envCount * steps];
        _pendingRewards = new float[envCount * steps];
        _ringStart = new int[envCount];
        _ringLength = new int[envCount];
        var capacity = Math.Max(initialCapacity, envCount * steps);
        _observations = new TObs[capacity * observationSize];
        _actions = new int[capacity];
        _returns = new float[capacity];
        _bootstrapObservations = new TObs[capacity * observationSize];
        _bootstrapDiscounts = new float[capacity];
    }

    /// <summary>Transitions ready to be taken.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Records one vector step. <paramref name="observations"/> are those the actions were chosen in;
    /// <paramref name="nextObservations"/> those after the step (already reset where an episode ended,
    /// whose last observation is then in <paramref name="finalObservations"/>).
    /// </summary>
    public void Add(ReadOnlySpan<TObs> observations, ReadOnlySpan<int> actions, ReadOnlySpan<float> rewards,
        ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<TObs> nextObservations,
        ReadOnlySpan<TObs> finalObservations)
    {
        for (var env = 0; env < _envCount; env++)
        {
            Push(env, observations.Slice(env * _observationSize, _observationSize), actions[env], rewards[env]);
            if (terminated[env])
            {
                while (_ringLength[env] > 0) EmitOldest(env, ReadOnlySpan<TObs>.Empty, bootstrap: false);
            }
            else if (truncated[env])
            {
                var final = finalObservations.Slice(env * _observationSize, _observationSize);
                while (_ringLength[env] > 0) EmitOldest(env, final, bootstrap: true);
            }
            else if (_ringLength[env] == _steps)
            {
                EmitOldest(env, nextObservations.Slice(env * _observationSize, _observationSize), bootstrap: true);
            }
        }
    }

    /// <summary>Takes every ready transition as a batch that the caller owns.</summary>
    public TransitionBatch<TObs> Drain()
    {
        var n = Count;
        var batch = new TransitionBatch<TObs>(n, _observationSize,
            _observations.AsSpan(0, n * _observationSize).ToArray(), _actions.AsSpan(0, n).ToArray(), _returns.AsSpan(0, n).ToArray(),
            _bootstrapObservations.AsSpan(0, n * _observationSize).ToArray(), _bootstrapDiscounts.AsSpan(0, n).ToArray());
        Count = 0;
        return batch;
    }

    /// <summary>Forgets pending steps (after a restart, when the environments were reset).</summary>
    public void Clear()
    {
        Array.Clear(_ringLength);
        Array.Clear(_ringStart);
        Count = 0;
    }

    private void Push(int env, ReadOnlySpan<TObs> observation, int action, float reward)
    {
        var slot = env * _steps + (_ringStart[env] + _ringLength[env]) % _steps;
        observation.CopyTo(_pendingObservations.AsSpan(slot * _observationSize, _observationSize));
        _pendingActions[slot] = action;
        _pendingRewards[slot] = reward;
        _ringLength[env]++;
    }

    private void EmitOldest(int env, ReadOnlySpan<TObs> bootstrapObservation, bool bootstrap)
    {
        EnsureCapacity(Count + 1);
        var length = _ringLength[env];
        var first = env * _steps + _ringStart[env];
        float discounted = 0, discount = 1;
        for (var k = 0; k < length; k++)
        {
            discounted += discount * _pendingRewards[env * _steps + (_ringStart[env] + k) % _steps];
            discount *= _gamma;
        }

        var row = Count++;
        _pendingObservations.AsSpan(first * _observationSize, _observationSize).CopyTo(_observations.AsSpan(row * _observationSize));
        _actions[row] = _pendingActions[first];
        _returns[row] = discounted;
        _bootstrapDiscounts[row] = bootstrap ? discount : 0f;
        var target = _bootstrapObservations.AsSpan(row * _observationSize, _observationSize);
        if (bootstrap) bootstrapObservation.CopyTo(target);
        else target.Clear();

        _ringStart[env] = (_ringStart[env] + 1) % _steps;
        _ringLength[env]--;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _actions.Length) return;
        var capacity = Math.Max(rows, _actions.Length * 2);
        Array.Resize(ref _observations, capacity * _observationSize);
        Array.Resize(ref _bootstrapObservations, capacity * _observationSize);
        Array.Resize(ref _actions, capacity);
        Array.Resize(ref _returns, capacity);
        Array.Resize(ref _bootstrapDiscounts, capacity);
    }
}
