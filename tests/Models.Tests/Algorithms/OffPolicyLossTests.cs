using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Algorithms;

/// <summary>
/// DDPG, TD3 and SAC on one-dimensional observations and actions in [-2, 2], with linear networks:
/// actor μ(s) = 2 tanh(w s + b), critic Q(s, a) = q_s s + q_a a + q_0.
/// </summary>
public sealed class OffPolicyLossTests
{
    private static readonly ActionBounds Bounds = new([-2f], [2f]);
    private const double Gamma = 0.9;

    // Two transitions: the second terminated.
    private static readonly double[] S = [0.5, -1.0], A = [1.0, -0.5], R = [1.0, -2.0], Next = [0.25, 2.0], Done = [0, 1];

    private static DeterministicActor Actor(double w, double b)
    {
        var actor = new DeterministicActor(new Mlp(1, [], 1), Bounds);
        FlatParameters.CopyFrom(actor.ParameterList, [(float)w, (float)b]);
        return actor;
    }

    private static QCritic Critic(double qs, double qa, double q0)
    {
        var critic = new QCritic(new Mlp(2, [], 1));
        FlatParameters.CopyFrom(critic.ParameterList, [(float)qs, (float)qa, (float)q0]);
        return critic;
    }

    private static double Mu(double w, double b, double s) => 2 * Math.Tanh(w * s + b);

    private static double Q(double[] q, double s, double a) => q[0] * s + q[1] * a + q[2];

    private static Tensor Column(double[] values) => tensor(values.Select(v => (float)v).ToArray(), [values.Length, 1]);

    private static Tensor Row(double[] values) => tensor(values.Select(v => (float)v).ToArray(), [values.Length]);

    [Fact]
    public void Ddpg_losses_equal_the_hand_computed_values()
    {
        using var scope = NewDisposeScope();
        double[] q = [0.3, -0.7, 0.1], qt = [0.2, 0.4, -0.3];
        var critic = Critic(q[0], q[1], q[2]);
        var targetCritic = Critic(qt[0], qt[1], qt[2]);
        var actor = Actor(0.8, -0.1);
        var targetActor = Actor(-0.5, 0.2);

        var (loss, _) = Ddpg.CriticLoss(critic, targetActor, targetCritic, Column(S), Column(A), Row(R), Column(Next), Row(Done), Gamma);
        var actorLoss = Ddpg.ActorLoss(actor, critic, Column(S));

        double expectedCritic = 0, expectedActor = 0;
        for (var i = 0; i < 2; i++)
        {
            var y = R[i] + Gamma * (1 - Done[i]) * Q(qt, Next[i], Mu(-0.5, 0.2, Next[i]));
            expectedCritic += Math.Pow(Q(q, S[i], A[i]) - y, 2) / 2;
            expectedActor += -Q(q, S[i], Mu(0.8, -0.1, S[i])) / 2;
        }
        Assert.Equal(expectedCritic, loss.item<float>(), 5);
        Assert.Equal(expectedActor, actorLoss.item<float>(), 5);
    }

    [Fact]
    public void Td3_critic_loss_uses_the_smaller_target_critic_and_clipped_smoothing_noise()
    {
        using var scope = NewDisposeScope();
        double[] q1 = [0.3, -0.7, 0.1], q2 = [-0.2, 0.5, 0.0], t1 = [0.2, 0.4, -0.3], t2 = [0.1, -0.6, 0.2];
        var critic = new TwinQCritic(Critic(q1[0], q1[1], q1[2]), Critic(q2[0], q2[1], q2[2]));
        var target = new TwinQCritic(Critic(t1[0], t1[1], t1[2]), Critic(t2[0], t2[1], t2[2]));
        var targetActor = Actor(-0.5, 0.2);
        var hyper = new Td3Hyperparameters { Gamma = Gamma, PolicyNoise = 0.2, NoiseClip = 0.5 };
        double[] noise = [4.0, 0.7]; // 0.8 clips to 0.5; 0.14 stays

        var (loss, _) = Td3.CriticLoss(critic, targetActor, target, Column(S), Column(A), Row(R), Column(Next), Row(Done), Column(noise), hyper);

        double expected = 0;
        for (var i = 0; i < 2; i++)
        {
            var epsilon = Math.Clamp(0.2 * noise[i], -0.5, 0.5) * 2;
            var nextAction = Math.Clamp(Mu(-0.5, 0.2, Next[i]) + epsilon, -2, 2);
            var y = R[i] + Gamma * (1 - Done[i]) * Math.Min(Q(t1, Next[i], nextAction), Q(t2, Next[i], nextAction));
            expected += (Math.Pow(Q(q1, S[i], A[i]) - y, 2) + Math.Pow(Q(q2, S[i], A[i]) - y, 2)) / 2;
        }
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void Td3_target_smoothing_noise_is_clipped_and_the_action_stays_in_bounds()
    {
        using var scope = NewDisposeScope();
        var hyper = new Td3Hyperparameters { PolicyNoise = 0.2, NoiseClip = 0.5 };
        var zero = Actor(0, 0); // μ' = 0
        var action = Td3.SmoothedTargetAction(zero, Column([0, 0, 0, 0]), Column([-100, -1, 1, 100]), hyper);
        // ε = clip(0.2 n, -0.5, 0.5) · scale 2
        Assert.Equal([-1f, -0.4f, 0.4f, 1f], action.squeeze(-1).data<float>().ToArray().Select(v => MathF.Round(v, 5)));

        var saturated = Actor(0, 10); // μ' ≈ 2, the upper bound
        var clipped = Td3.SmoothedTargetAction(saturated, Column([0, 0]), Column([100, -100]), hyper);
        Assert.Equal(2f, clipped.data<float>()[0], 5);
        Assert.Equal(1f, clipped.data<float>()[1], 4);
    }

    [Fact]
    public void Td3_moves_the_actor_and_the_targets_once_every_policy_delay_critic_updates()
    {
        using var scope = NewDisposeScope();
        var actor = Actor(0.8, -0.1);
        var targetActor = Actor(0, 0);
        var critic = new TwinQCritic(Critic(0.3, -0.7, 0.1), Critic(-0.2, 0.5, 0.0));
        var target = new TwinQCritic(Critic(0, 0, 0), Critic(0, 0, 0));
        using var td3 = new Td3(actor, targetActor, critic, target, new Td3Hyperparameters { PolicyDelay = 3, Tau = 0.5 }, seed: 1);
        Assert.Equal(FlatParameters.Export(actor.ParameterList), FlatParameters.Export(targetActor.ParameterList));

        var buffer = new ReplayBuffer(8, 1, 1, seed: 2);
        for (var i = 0; i < 8; i++) buffer.Add([i * 0.1f], [0.5f - i * 0.1f], i % 3, [i * 0.1f + 0.1f], terminated: i == 7);
        var batch = new ReplayBatch(4, 1, 1);
        var actorMoves = new List<int>();
        var targetMoves = new List<int>();
        for (var update = 1; update <= 7; update++)
        {
            var actorBefore = FlatParameters.Export(actor.ParameterList);
            var targetBefore = FlatParameters.Export(targetActor.ParameterList);
            buffer.SampleInto(batch);
            var stats = td3.Update(batch);
            if (!FlatParameters.Export(actor.ParameterList).SequenceEqual(actorBefore)) actorMoves.Add(update);
            if (!FlatParameters.Export(targetActor.ParameterList).SequenceEqual(targetBefore)) targetMoves.Add(update);
            Assert.Equal(update % 3 == 0, !double.IsNaN(stats.ActorLoss));
        }
        Assert.Equal([3, 6], actorMoves);
        Assert.Equal([3, 6], targetMoves);
        Assert.Equal(7, td3.Updates);
        Assert.Equal(2, td3.ActorUpdates);
    }

    [Fact]
    public void Sac_losses_equal_the_hand_computed_values()
    {
        using var scope = NewDisposeScope();
        // Actor body: [mean, raw log σ] = [w_m s + b_m, w_r s + b_r].
        double wm = 0.6, wr = -0.4, bm = -0.2, br = 0.3;
        var actor = new SquashedGaussianActor(new Mlp(1, [], 2), Bounds);
        FlatParameters.CopyFrom(actor.ParameterList, [(float)wm, (float)wr, (float)bm, (float)br]);
        double[] q1 = [0.3, -0.7, 0.1], q2 = [-0.2, 0.5, 0.0], t1 = [0.2, 0.4, -0.3], t2 = [0.1, -0.6, 0.2];
        var critic = new TwinQCritic(Critic(q1[0], q1[1], q1[2]), Critic(q2[0], q2[1], q2[2]));
        var target = new TwinQCritic(Critic(t1[0], t1[1], t1[2]), Critic(t2[0], t2[1], t2[2]));
        double[] nextNoise = [0.3, -1.2], noise = [-0.8, 0.5];
        const double alpha = 0.2;

        (double Action, double LogProb) Sample(double s, double epsilon)
        {
            var mean = wm * s + bm;
            var logStd = -5 + 0.5 * 7 * (Math.Tanh(wr * s + br) + 1);
            var u = mean + Math.Exp(logStd) * epsilon;
            var y = Math.Tanh(u);
            var logProb = -0.5 * epsilon * epsilon - logStd - 0.5 * Math.Log(2 * Math.PI) - Math.Log(2 * (1 - y * y) + 1e-6);
            return (2 * y, logProb);
        }

        double expectedCritic = 0, expectedActor = 0;
        for (var i = 0; i < 2; i++)
        {
            var (nextAction, nextLogProb) = Sample(Next[i], nextNoise[i]);
            var soft = Math.Min(Q(t1, Next[i], nextAction), Q(t2, Next[i], nextAction)) - alpha * nextLogProb;
            var y = R[i] + Gamma * (1 - Done[i]) * soft;
            expectedCritic += (Math.Pow(Q(q1, S[i], A[i]) - y, 2) + Math.Pow(Q(q2, S[i], A[i]) - y, 2)) / 2;
            var (action, logProb) = Sample(S[i], noise[i]);
            expectedActor += (alpha * logProb - Math.Min(Q(q1, S[i], action), Q(q2, S[i], action))) / 2;
        }

        var (criticLoss, _) = Sac.CriticLoss(actor, critic, target, Column(S), Column(A), Row(R), Column(Next), Row(Done),
            Column(nextNoise), alpha, Gamma);
        var (actorLoss, _) = Sac.ActorLoss(actor, critic, Column(S), Column(noise), alpha);
        Assert.Equal(expectedCritic, criticLoss.item<float>(), 4);
        Assert.Equal(expectedActor, actorLoss.item<float>(), 4);
    }

    [Theory]
    [InlineData(-3.0, -2.0, -1)] // entropy 2.5 above the target -1: α falls
    [InlineData(1.5, 2.0, +1)]   // entropy -1.75 below the target -1: α rises
    public void Sac_temperature_moves_against_the_entropy_gap_by_one_adam_step(double logProb0, double logProb1, int direction)
    {
        using var scope = NewDisposeScope();
        var actor = new SquashedGaussianActor(new Mlp(1, [], 2), Bounds);
        var critic = new TwinQCritic(Critic(0, 0, 0), Critic(0, 0, 0));
        var target = new TwinQCritic(Critic(0, 0, 0), Critic(0, 0, 0));
        const double lr = 1e-3;
        using var sac = new Sac(actor, critic, target, new SacHyperparameters { Alpha = 0.2, QLearningRate = lr }, seed: 1);
        Assert.Equal(-1, sac.TargetEntropy);

        var loss = sac.UpdateTemperature(Row([logProb0, logProb1]));

        // L_α = -α mean(log π + H̄); ∂L/∂log α = the same; Adam's first step is lr · sign(gradient).
        var gap = (logProb0 + logProb1) / 2 + sac.TargetEntropy;
        Assert.Equal(-0.2 * gap, loss, 5);
        Assert.Equal(-direction, Math.Sign(-0.2 * gap)); // the gradient's sign: α moves against it
        Assert.Equal(0.2 * Math.Exp(direction * lr), sac.Alpha, 6);
    }
}
