namespace A3C.Models.Environments.Wrappers;

/// <summary>
/// Stacks the last <see cref="StackSize"/> observations along a new leading axis, oldest first and newest last,
/// like Gymnasium's <c>FrameStackObservation</c> with its default padding: after a reset every slot holds the
/// reset observation. Frames live in a ring so each step copies the stack out once.
/// </summary>
public sealed class FrameStack<TObs> : EnvironmentWrapper<TObs>
    where TObs : unmanaged
{
    private readonly TObs[] ring;
    private readonly int frameSize;
    private int newest;

    public FrameStack(IEnvironment<TObs> inner, int stackSize = 4)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stackSize, 1);
        StackSize = stackSize;
        frameSize = inner.ObservationSpace.Size;
        ring = new TObs[frameSize * stackSize];
        ObservationSpace = inner.ObservationSpace.Repeat(stackSize);
    }

    public int StackSize { get; }

    public override BoxSpace ObservationSpace { get; }

    public override void Reset(Span<TObs> observation, ulong? seed = null)
    {
        CheckBuffer(observation);
        newest = 0;
        var first = Slot(0);
        Inner.Reset(first, seed);
        for (var i = 1; i < StackSize; i++)
            first.CopyTo(Slot(i));
        CopyOut(observation);
    }

    public override StepResult Step(int action, Span<TObs> observation)
    {
        CheckBuffer(observation);
        newest = (newest + 1) % StackSize;
        var result = Inner.Step(action, Slot(newest));
        CopyOut(observation);
        return result;
    }

    public override StepResult Step(ReadOnlySpan<float> action, Span<TObs> observation)
    {
        CheckBuffer(observation);
        newest = (newest + 1) % StackSize;
        var result = Inner.Step(action, Slot(newest));
        CopyOut(observation);
        return result;
    }

    private Span<TObs> Slot(int index) => ring.AsSpan(index * frameSize, frameSize);

    // The oldest frame is the one after the newest in ring order; two block copies put them in time order.
    private void CopyOut(Span<TObs> observation)
    {
        var oldest = (newest + 1) % StackSize;
        var tail = ring.AsSpan(oldest * frameSize);
        tail.CopyTo(observation);
        ring.AsSpan(0, oldest * frameSize).CopyTo(observation[tail.Length..]);
    }

    private void CheckBuffer(Span<TObs> observation)
    {
        if (observation.Length != ObservationSpace.Size)
            throw EnvironmentErrors.WrongObservationBuffer(Id, observation.Length, ObservationSpace);
    }
}
