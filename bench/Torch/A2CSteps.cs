using System.Diagnostics;
using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Bench.Torch;

/// <summary>
/// The pieces of one CartPole A2C step (the 4-64-2 actor-critic MLP), each timed on TorchSharp op
/// by op and on the managed fast path that training uses: choosing 8 actions, the loss and
/// backward on 64 transitions, and clipping plus Adam.
/// </summary>
public static class A2CSteps
{
    private const int Inputs = 4, Actions = 2, Hidden = 64, Envs = 8, Batch = 64;

    public static void Run()
    {
        random.manual_seed(1);
        using var net = new MlpActorCritic(Inputs, Actions, Hidden);
        using var fastNet = new MlpActorCritic(Inputs, Actions, Hidden);
        var weights = FlatParameters.Export(net.ParameterList);
        var draws = new Random(1);
        var observations = Floats(draws, Envs * Inputs);
        var batch = new TransitionBatch<float>(Batch, Inputs, Floats(draws, Batch * Inputs),
            [.. Enumerable.Range(0, Batch).Select(i => i % Actions)], Floats(draws, Batch), Floats(draws, Batch * Inputs),
            [.. Enumerable.Range(0, Batch).Select(i => i % 5 == 0 ? 0f : 0.96f)]);
        var hyper = new A2CHyperparameters { EntropyBeta = 0.01, ValueCoefficient = 0.5 };
        var actions = new int[Envs];

        using var torchSampler = new PolicySampler(new MlpActorCritic(Inputs, Actions, Hidden), [Inputs], seed: 1, ownsNetwork: true);
        torchSampler.Load(weights);
        using var managedSampler = new MlpPolicySampler(Inputs, Actions, Hidden, seed: 1);
        managedSampler.Load(weights);
        using var adam = optim.Adam(net.parameters(), lr: 1e-9, eps: 1e-5);
        var fastGradients = new A2CGradients(fastNet, CPU, [Inputs], hyper);
        using var fastStep = new GradientStep(fastNet, OptimizerKind.Adam, learningRate: 1e-9, eps: 1e-5);
        OpByOpGradients(net, batch, hyper);
        fastGradients.Compute(batch);

        Console.WriteLine($"{"A2C step, 4-64-2 MLP",-42} {"TorchSharp µs",14} {"managed µs",11}");
        Row("choose 8 actions", () => torchSampler.Sample(observations, Envs, actions),
            () => managedSampler.Sample(observations, Envs, actions), 20_000);
        Row("loss + backward, 64 transitions", () => OpByOpGradients(net, batch, hyper),
            () => fastGradients.Compute(batch), 5_000);
        Row("clip + Adam", () =>
        {
            nn.utils.clip_grad_norm_(net.parameters(), 0.5);
            adam.step();
        }, () => fastStep.Apply(fastGradients.Values, inParameters: false, maxNorm: 0.5), 20_000);
    }

    private static void OpByOpGradients(MlpActorCritic net, TransitionBatch<float> batch, A2CHyperparameters hyper)
    {
        using var scope = NewDisposeScope();
        net.zero_grad();
        A2CLoss.Compute(net, batch, [Inputs], hyper, CPU).Total.backward();
    }

    private static void Row(string name, Action opByOp, Action fused, int iterations) =>
        Console.WriteLine($"{name,-42} {Micros(opByOp, iterations),14:F2} {Micros(fused, iterations),11:F2}");

    /// <summary>Median over five rounds of the mean time per call, after a warm-up.</summary>
    private static double Micros(Action action, int iterations)
    {
        for (var i = 0; i < iterations / 10; i++) action();
        var samples = new double[5];
        for (var r = 0; r < samples.Length; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++) action();
            samples[r] = clock.Elapsed.TotalMicroseconds / iterations;
        }
        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    private static float[] Floats(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
