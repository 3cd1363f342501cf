using A3C.Actors.Persistence.Checkpoints;

namespace A3C.Actors.Tests.Persistence.Checkpoints;

/// <summary>Learner states with deterministic contents, different for every step.</summary>
internal static class TestStates
{
    public static LearnerState Learner(long step, double? meanReward = null, int weightBytes = 4096) =>
        new(step, Frames: step * 160, Episodes: step / 3, meanReward,
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(step * 10_001),
            Mode: "A2C", Environment: "CartPole-v1", Config: $"a3c.training.seed = {step}\na3c.training.lr = 7e-4",
            Weights: Bytes(step, weightBytes), Optimizer: Bytes(~step, 2 * weightBytes), RandomState: Bytes(step * 31, 16));

    private static byte[] Bytes(long seed, int length)
    {
        var bytes = new byte[length];
        new Random((int)(seed ^ (seed >> 32))).NextBytes(bytes);
        return bytes;
    }

    public static void AssertSame(LearnerState expected, LearnerState actual)
    {
        Assert.Equal(expected with { Weights = [], Optimizer = [], RandomState = [] }, actual with { Weights = [], Optimizer = [], RandomState = [] });
        Assert.Equal(expected.Weights, actual.Weights);
        Assert.Equal(expected.Optimizer, actual.Optimizer);
        Assert.Equal(expected.RandomState, actual.RandomState);
    }
}
