using A3C.Models.Environments;
using A3C.Models.Environments.Rendering;

namespace A3C.Models.Tests.Environments;

/// <summary>
/// A stand-in environment for wrapper tests: frame <c>t</c> (0 at reset) holds <see cref="Pixel"/>(t, i),
/// step <c>t</c> pays <c>t</c>, and the episode terminates at step <see cref="TerminateAt"/>.
/// </summary>
internal sealed class ScriptedEnvironment(int frameSize = 3, int terminateAt = int.MaxValue) : IEnvironment<byte>
{
    public int StepsSinceReset { get; private set; }

    public int Resets { get; private set; }

    public int TerminateAt { get; } = terminateAt;

    public string Id => "Scripted-v0";

    public BoxSpace ObservationSpace { get; } = BoxSpace.Uniform(0, 255, [frameSize], ElementType.UInt8);

    public Space ActionSpace { get; } = new DiscreteSpace(2);

    /// <summary>Values that rise and fall with t, so the maximum of two frames is not always the later one.</summary>
    public static byte Pixel(int t, int i) => (byte)((t * 97 + i * 101) % 251);

    public void Reset(Span<byte> observation, ulong? seed = null)
    {
        StepsSinceReset = 0;
        Resets++;
        Fill(observation);
    }

    public StepResult Step(int action, Span<byte> observation)
    {
        StepsSinceReset++;
        Fill(observation);
        return new StepResult(StepsSinceReset, StepsSinceReset >= TerminateAt, false);
    }

    public StepResult Step(ReadOnlySpan<float> action, Span<byte> observation) => throw new NotSupportedException();

    public RgbFrame Render() => new(1, 1);

    private void Fill(Span<byte> observation)
    {
        for (var i = 0; i < observation.Length; i++)
            observation[i] = Pixel(StepsSinceReset, i);
    }
}
