using System.Diagnostics;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Bench.Algorithms;

/// <summary>PPO on CartPole-v1: 4 copies, 128-step rollouts, 64-64 tanh actor and critic, learning rate annealed.</summary>
internal static class PpoCartPole
{
    /// <summary>CleanRL's defaults for CartPole: 4 copies, 128 steps, 4 epochs of 4 minibatches.</summary>
    public static int Run(int seed, int maxFrames, double bar) => Run(seed, maxFrames, bar, envs: 4, steps: 128, new PpoHyperparameters());

    public static int Run(int seed, int maxFrames, double bar, int envs, int steps, PpoHyperparameters hyper)
    {
        var env = EnvironmentRegistry.Standard.MakeVector<float>("CartPole-v1", envs);
        var o = env.ObservationSize;
        var actionCount = ((DiscreteSpace)env.SingleActionSpace).N;
        random.manual_seed(seed);
        using var policy = new CategoricalPolicy(new Mlp(o, [64, 64], actionCount, MlpActivation.Tanh, Math.Sqrt(2), 0.01));
        using var critic = new Mlp(o, [64, 64], 1, MlpActivation.Tanh, Math.Sqrt(2), 1.0);
        using var ppo = new Ppo(policy, critic, hyper, seed);
        using var generator = new Generator((ulong)seed);

        var n = steps * envs;
        var observations = new float[n * o];
        var actions = new int[n];
        var logProbs = new float[n];
        var values = new float[n];
        var rewards = new float[n];
        var terminated = new bool[n];
        var truncated = new bool[n];
        var finalValues = new float[n];
        var lastValues = new float[envs];
        var nextValues = new float[n];
        var advantages = new float[n];
        var returns = new float[n];
        var recent = new Queue<double>();
        var clock = Stopwatch.StartNew();
        env.Reset((ulong)seed);
        var frames = 0;
        var updates = maxFrames / n;
        for (var update = 0; update < updates; update++)
        {
            for (var t = 0; t < steps; t++)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                env.Observations.CopyTo(observations, t * envs * o);
                var x = tensor(env.Observations, [envs, o]);
                var a = policy.Sample(x, generator);
                var (logProb, _) = policy.Evaluate(x, a);
                var v = critic.forward(x).squeeze(-1);
                var chosen = a.to_type(ScalarType.Int32).data<int>().ToArray();
                chosen.CopyTo(actions, t * envs);
                logProb.data<float>().CopyTo(logProbs.AsSpan(t * envs));
                v.data<float>().CopyTo(values.AsSpan(t * envs));
                env.Step(chosen);
                frames += envs;
                env.Rewards.CopyTo(rewards, t * envs);
                env.Terminated.CopyTo(terminated, t * envs);
                env.Truncated.CopyTo(truncated, t * envs);
                if (env.FinishedEpisodes.Count > 0)
                {
                    var final = critic.forward(tensor(env.FinalObservations, [envs, o])).squeeze(-1);
                    final.data<float>().CopyTo(finalValues.AsSpan(t * envs));
                }
                foreach (var episode in env.FinishedEpisodes)
                {
                    recent.Enqueue(episode.Statistics.Return);
                    if (recent.Count > 100) recent.Dequeue();
                }
                if (recent.Count == 100 && recent.Average() >= bar)
                {
                    Console.WriteLine($"ppo CartPole-v1 seed {seed}: mean-100 return {recent.Average():F1} >= {bar} after {frames} frames, {clock.Elapsed.TotalSeconds:F1} s");
                    return 0;
                }
            }
            using (var scope = NewDisposeScope())
            using (no_grad())
                critic.forward(tensor(env.Observations, [envs, o])).squeeze(-1).data<float>().CopyTo(lastValues);
            Gae.NextValues(steps, envs, values, lastValues, finalValues, terminated, truncated, nextValues);
            Gae.Compute(steps, envs, rewards, values, nextValues, terminated, truncated, hyper.Gamma, hyper.Lambda, advantages, returns);
            var rate = hyper.LearningRate * (1.0 - (double)update / updates);
            var stats = ppo.Update(new PpoBatch(n, o, 0, observations, [], actions, logProbs, values, advantages, returns), rate);
            if (update % 10 == 0)
                Console.WriteLine($"  frames {frames,7}  mean-100 {(recent.Count > 0 ? recent.Average() : double.NaN),6:F1}  " +
                    $"policy {stats.PolicyLoss:F4} value {stats.ValueLoss:F3} entropy {stats.Entropy:F3} kl {stats.ApproxKl:F5} clipped {stats.ClipFraction:F3}  {clock.Elapsed.TotalSeconds:F0} s");
        }
        Console.WriteLine($"ppo CartPole-v1 seed {seed}: bar {bar} NOT reached in {frames} frames (mean-100 {recent.Average():F1}), {clock.Elapsed.TotalSeconds:F1} s");
        return 1;
    }
}
