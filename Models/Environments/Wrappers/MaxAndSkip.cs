using System.Numerics;

namespace A3C.Models.Environments.Wrappers;

/// <summary>
/// Repeats each action for <see cref="Skip"/> frames, sums the rewards, and returns the element-wise maximum of
/// the last two frames seen, which removes the flicker of sprites drawn on alternate frames (the DQN Atari
/// preprocessing). Stops early when the episode ends; if that happens after one frame, that frame is returned.
/// </summary>
public sealed class MaxAndSkip<TObs> : EnvironmentWrapper<TObs>
    where TObs : unmanaged, INumber<TObs>
{
    private readonly TObs[] otherFrame;

    public MaxAndSkip(IEnvironment<TObs> inner, int skip = 4)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(skip, 1);
        Skip = skip;
        otherFrame = new TObs[inner.ObservationSpace.Size];
    }

    public int Skip { get; }

    public override StepResult Step(int action, Span<TObs> observation) => Repeat(action, default, discrete: true, observation);

    public override StepResult Step(ReadOnlySpan<float> action, Span<TObs> observation) => Repeat(0, action, discrete: false, observation);

    private StepResult Repeat(int action, ReadOnlySpan<float> continuousAction, bool discrete, Span<TObs> observation)
    {
        double totalReward = 0;
        StepResult last = default;
        var frames = 0;
        while (frames < Skip)
        {
            // Frames alternate between the caller's buffer and ours, so the last two always sit one in each.
            var target = frames % 2 == 0 ? observation : otherFrame.AsSpan();
            last = discrete ? Inner.Step(action, target) : Inner.Step(continuousAction, target);
            totalReward += last.Reward;
            frames++;
            if (last.Done)
                break;
        }
        if (frames >= 2)
            MaxInto(observation, otherFrame);
        return last with { Reward = totalReward };
    }

    private static void MaxInto(Span<TObs> destination, ReadOnlySpan<TObs> other)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<TObs>.IsSupported)
        {
            for (; i <= destination.Length - Vector<TObs>.Count; i += Vector<TObs>.Count)
            {
                var max = Vector.Max(new Vector<TObs>(destination[i..]), new Vector<TObs>(other[i..]));
                max.CopyTo(destination[i..]);
            }
        }
        for (; i < destination.Length; i++)
            destination[i] = TObs.Max(destination[i], other[i]);
    }
}
