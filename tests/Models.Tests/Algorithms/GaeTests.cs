using A3C.Models.Algorithms;

namespace A3C.Models.Tests.Algorithms;

public sealed class GaeTests
{
    [Fact]
    public void Advantages_stop_at_a_termination_and_a_truncation_bootstraps_from_its_final_state()
    {
        // One copy, five steps: t1 terminates, t3 is truncated (its final state has value 7).
        const double g = 0.5, l = 0.5;
        float[] rewards = [1, 2, 3, 4, 5];
        float[] values = [10, 20, 30, 40, 50];
        bool[] terminated = [false, true, false, false, false];
        bool[] truncated = [false, false, false, true, false];
        float[] finalValues = [0, 99, 0, 7, 0]; // 99 must be ignored: a terminal state has no value
        var nextValues = new float[5];
        Gae.NextValues(5, 1, values, lastValues: [60], finalValues, terminated, truncated, nextValues);
        Assert.Equal([20f, 99f, 40f, 7f, 60f], nextValues);

        var advantages = new float[5];
        var returns = new float[5];
        Gae.Compute(5, 1, rewards, values, nextValues, terminated, truncated, g, l, advantages, returns);

        var d4 = 5 + g * 60 - 50;           // bootstraps from the value after the rollout
        var a4 = d4;
        var d3 = 4 + g * 7 - 40;            // truncated: bootstraps from the final state, chain cut
        var a3 = d3;
        var d2 = 3 + g * 40 - 30;
        var a2 = d2 + g * l * a3;
        var d1 = 2 - 20.0;                  // terminated: no bootstrap, chain cut
        var a1 = d1;
        var d0 = 1 + g * 20 - 10;
        var a0 = d0 + g * l * a1;
        double[] expected = [a0, a1, a2, a3, a4];
        for (var t = 0; t < 5; t++)
        {
            Assert.Equal(expected[t], advantages[t], 5);
            Assert.Equal(expected[t] + values[t], returns[t], 5);
        }
    }

    [Fact]
    public void Copies_are_independent_columns()
    {
        // Two copies, two steps, row t·N + i; copy 1 terminates at t0.
        float[] rewards = [1, 2, 3, 4];
        float[] values = [0, 0, 0, 0];
        bool[] terminated = [false, true, false, false];
        bool[] truncated = [false, false, false, false];
        var next = new float[4];
        Gae.NextValues(2, 2, values, lastValues: [10, 20], finalValues: new float[4], terminated, truncated, next);
        Assert.Equal([0f, 0f, 10f, 20f], next);
        var advantages = new float[4];
        var returns = new float[4];
        Gae.Compute(2, 2, rewards, values, next, terminated, truncated, 0.9, 1.0, advantages, returns);
        Assert.Equal(1 + 0.9 * (3 + 0.9 * 10), advantages[0], 5);
        Assert.Equal(2, advantages[1], 5);
        Assert.Equal(3 + 0.9 * 10, advantages[2], 5);
        Assert.Equal(4 + 0.9 * 20, advantages[3], 5);
    }
}
