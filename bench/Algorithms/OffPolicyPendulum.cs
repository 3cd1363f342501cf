using System.Diagnostics;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Bench.Algorithms;

/// <summary>TD3 or SAC on Pendulum-v1: one copy, 256-256 ReLU networks, one update per step after a random warm-up.</summary>
internal static class OffPolicyPendulum
{
    public static int Run(string algorithm, int seed, int maxSteps, double bar)
    {
        var env = EnvironmentRegistry.Standard.MakeVector<float>("Pendulum-v1", 1);
        var o = env.ObservationSize;
        var space = (BoxSpace)env.SingleActionSpace;
        var bounds = new ActionBounds(space.Low, space.High);
        var actionSize = bounds.Size;
        random.manual_seed(seed);
        Mlp Net(int inputs, int outputs) => new(inputs, [256, 256], outputs, MlpActivation.Relu);
        TwinQCritic Twin() => new(new QCritic(Net(o + actionSize, 1)), new QCritic(Net(o + actionSize, 1)));

        var td3Hyper = new Td3Hyperparameters();
        var sacHyper = new SacHyperparameters();
        using var critic = Twin();
        using var targetCritic = Twin();
        using var actor = algorithm == "td3" ? new DeterministicActor(Net(o, actionSize), bounds) : null;
        using var targetActor = algorithm == "td3" ? new DeterministicActor(Net(o, actionSize), bounds) : null;
        using var sacActor = algorithm == "td3" ? null : new SquashedGaussianActor(Net(o, 2 * actionSize), bounds);
        using var td3 = actor is not null ? new Td3(actor, targetActor!, critic, targetCritic, td3Hyper, (ulong)seed) : null;
        using var sac = sacActor is not null ? new Sac(sacActor, critic, targetCritic, sacHyper, (ulong)seed) : null;
        var learningStarts = algorithm == "td3" ? td3Hyper.LearningStarts : sacHyper.LearningStarts;
        var batchSize = algorithm == "td3" ? td3Hyper.BatchSize : sacHyper.BatchSize;

        var buffer = new ReplayBuffer(maxSteps, o, actionSize, seed);
        var batch = new ReplayBatch(batchSize, o, actionSize);
        var noise = new Random(seed);
        using var generator = new Generator((ulong)seed + 1);
        var actions = new float[actionSize];
        var previous = new float[o];
        var recent = new Queue<double>();
        var clock = Stopwatch.StartNew();
        env.Reset((ulong)seed);
        OffPolicyStatistics stats = default;
        for (var step = 1; step <= maxSteps; step++)
        {
            if (step <= learningStarts)
            {
                for (var d = 0; d < actionSize; d++) actions[d] = (float)(bounds.Low[d] + noise.NextDouble() * (bounds.High[d] - bounds.Low[d]));
            }
            else
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var x = tensor(env.Observations, [1, o]);
                if (actor is not null)
                {
                    actor.forward(x).data<float>().CopyTo(actions);
                    DeterministicActor.Explore(actions, bounds, td3Hyper.ExplorationNoise, noise);
                }
                else
                {
                    sacActor!.Sample(x, generator: generator).Action.data<float>().CopyTo(actions);
                }
            }
            env.Observations.CopyTo(previous, 0);
            env.Step(actions);
            buffer.AddVector(previous, actions, env.Rewards, env.Terminated, env.Truncated, env.Observations, env.FinalObservations);
            if (step > learningStarts)
            {
                buffer.SampleInto(batch);
                stats = td3 is not null ? td3.Update(batch) : sac!.Update(batch);
            }
            foreach (var episode in env.FinishedEpisodes)
            {
                recent.Enqueue(episode.Statistics.Return);
                if (recent.Count > 10) recent.Dequeue();
                if (recent.Count % 5 == 0 || step % 2000 == 0)
                    Console.WriteLine($"  steps {step,6}  return {episode.Statistics.Return,8:F1}  mean-10 {recent.Average(),8:F1}  " +
                        $"critic {stats.CriticLoss:F3} Q {stats.MeanQ:F1} alpha {stats.Alpha:F3}  {clock.Elapsed.TotalSeconds:F0} s");
            }
            if (recent.Count == 10 && recent.Average() >= bar)
            {
                Console.WriteLine($"{algorithm} Pendulum-v1 seed {seed}: mean-10 return {recent.Average():F1} >= {bar} after {step} steps, {clock.Elapsed.TotalSeconds:F1} s");
                return 0;
            }
        }
        Console.WriteLine($"{algorithm} Pendulum-v1 seed {seed}: bar {bar} NOT reached in {maxSteps} steps (mean-10 {recent.Average():F1}), {clock.Elapsed.TotalSeconds:F1} s");
        return 1;
    }
}
