using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Algorithms;

public sealed class QLearningTests
{
    // Linear Q over 2 actions from 2-float observations: Q(s, a) = W[a]·s + b[a].
    private static readonly double[] W = [0.5, -1.0, 0.25, 0.75], B = [0.1, -0.2], Wt = [-0.3, 0.4, 0.6, 0.2], Bt = [0.0, 0.3];

    private static Mlp Linear(double[] w, double[] b)
    {
        var q = new Mlp(2, [], 2);
        FlatParameters.CopyFrom(q.ParameterList, w.Concat(b).Select(v => (float)v).ToArray());
        return q;
    }

    private static double Q(double[] w, double[] b, double[] s, int a) => w[2 * a] * s[0] + w[2 * a + 1] * s[1] + b[a];

    // Two transitions: one bootstraps with γ^k = 0.81 (k = 2 of n-step, or γ = 0.81 for one step), one terminated.
    private static readonly double[][] States = [[1.0, 2.0], [0.5, -1.0]], Next = [[2.0, 0.5], [0.0, 0.0]];
    private static readonly int[] Actions = [1, 0], NextActions = [0, 1];
    private static readonly double[] Returns = [1.5, -1.0], Discounts = [0.81, 0.0];

    private static TransitionBatch<float> Batch() => new(2, 2, States.SelectMany(s => s).Select(v => (float)v).ToArray(), Actions,
        Returns.Select(v => (float)v).ToArray(), Next.SelectMany(s => s).Select(v => (float)v).ToArray(), Discounts.Select(v => (float)v).ToArray());

    [Theory]
    [InlineData(QTarget.OneStepQ)]
    [InlineData(QTarget.NStepQ)]
    [InlineData(QTarget.OneStepSarsa)]
    public void Loss_equals_the_hand_computed_value_with_targets_from_the_target_network(QTarget kind)
    {
        using var scope = NewDisposeScope();
        var q = Linear(W, B);
        var target = Linear(Wt, Bt);

        var loss = QLearning.Loss(q, target, kind, Batch(), kind == QTarget.OneStepSarsa ? NextActions : null);

        double expected = 0;
        for (var i = 0; i < 2; i++)
        {
            var bootstrap = kind == QTarget.OneStepSarsa
                ? Q(Wt, Bt, Next[i], NextActions[i])
                : Math.Max(Q(Wt, Bt, Next[i], 0), Q(Wt, Bt, Next[i], 1));
            var y = Returns[i] + Discounts[i] * bootstrap;
            expected += Math.Pow(y - Q(W, B, States[i], Actions[i]), 2) / 2;
        }
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void The_target_network_is_copied_once_every_interval_and_is_fixed_in_between()
    {
        using var scope = NewDisposeScope();
        var q = Linear(W, B);
        var target = Linear(Wt, Bt);
        using var learner = new QLearning(q, target, new QLearningHyperparameters { TargetUpdateInterval = 3, LearningRate = 0.01 });
        var copied = FlatParameters.Export(target.ParameterList);
        Assert.Equal(FlatParameters.Export(q.ParameterList), copied);

        for (var update = 1; update <= 6; update++)
        {
            learner.Update(Batch());
            var now = FlatParameters.Export(target.ParameterList);
            if (update % 3 == 0)
            {
                Assert.Equal(FlatParameters.Export(q.ParameterList), now);
                Assert.NotEqual(copied, now);
                copied = now;
            }
            else
            {
                Assert.Equal(copied, now);
            }
        }
        Assert.Equal(2, learner.TargetUpdates);
    }

    [Fact]
    public void Epsilon_falls_linearly_then_stays_and_greedy_picks_the_best_action()
    {
        var hyper = new QLearningHyperparameters { EpsilonStart = 1.0, EpsilonEnd = 0.1, EpsilonDecaySteps = 100 };
        Assert.Equal(1.0, EpsilonGreedy.Epsilon(0, hyper), 10);
        Assert.Equal(0.55, EpsilonGreedy.Epsilon(50, hyper), 10);
        Assert.Equal(0.1, EpsilonGreedy.Epsilon(100, hyper), 10);
        Assert.Equal(0.1, EpsilonGreedy.Epsilon(1000, hyper), 10);

        var random = new Random(1);
        Assert.Equal(2, EpsilonGreedy.Select([0.1f, -1f, 3f, 2f], 0.0, random));
        var counts = new int[4];
        for (var i = 0; i < 4000; i++) counts[EpsilonGreedy.Select([0.1f, -1f, 3f, 2f], 1.0, random)]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }
}
