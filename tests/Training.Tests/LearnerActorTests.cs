using A3C.Actors.Runtime;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;

namespace A3C.Training.Tests;

/// <summary>The learner driven message by message by probe workers, with no environments at all.</summary>
public sealed class LearnerActorTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("learner-tests", new ActorSystemSettings { LogToStdErr = false });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _system.Terminate();

    private IActorRef Learner(TrainingRecipe recipe)
    {
        var (observations, actions, _) = recipe.Spaces();
        return _system.ActorOf(Props.Create(() => new LearnerActor<float>(recipe, observations, actions)), "learner");
    }

    private static ExperienceBatch<float> Experience(long version, int count = 8)
    {
        var random = new Random(3);
        float[] Observations() => Enumerable.Range(0, count * 4).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var batch = new TransitionBatch<float>(count, 4, Observations(), Enumerable.Range(0, count).Select(i => i % 2).ToArray(),
            Enumerable.Repeat(1f, count).ToArray(), Observations(), Enumerable.Repeat(0.9f, count).ToArray());
        return new ExperienceBatch<float>(batch, version, new WorkerReport([], count, 0));
    }

    [Fact]
    public async Task A_synchronous_round_waits_for_every_worker_and_ignores_a_repeated_batch()
    {
        var learner = Learner(Recipes.CartPole("a2c", maxFrames: 1_000_000));
        var (a, inboxA) = Probe.Create(_system, "a");
        var (b, inboxB) = Probe.Create(_system, "b");
        learner.Tell(new RegisterWorker(a, 0), a);
        learner.Tell(new RegisterWorker(b, 1), b);
        var initial = await inboxA.Expect<WeightSnapshot>();
        Assert.Equal(0, initial.Version);
        await inboxB.Expect<WeightSnapshot>();

        learner.Tell(Experience(0), a);
        learner.Tell(Experience(0), a); // delivered twice: must count once
        learner.Tell(Experience(0), b);
        var next = await inboxA.Expect<WeightSnapshot>();
        Assert.Equal(1, next.Version);
        Assert.NotEqual(initial.Weights, next.Weights);

        // Had the repeated batch been kept for the next round, b's batch would now complete it.
        learner.Tell(Experience(1), b);
        var (c, inboxC) = Probe.Create(_system, "c");
        learner.Tell(new RegisterWorker(c, 2), c); // answered after b's batch: shows the version then
        Assert.Equal(1, (await inboxC.Expect<WeightSnapshot>()).Version);
    }

    [Fact]
    public async Task A_non_finite_gradient_packet_is_skipped_and_counted_never_applied()
    {
        var progress = new List<TrainingProgress>();
        using var subscription = _system.EventStream.Subscribe<TrainingProgress>(p => { lock (progress) progress.Add(p); });
        var learner = Learner(Recipes.CartPole("a3c-grad", maxFrames: 1_000_000, "a3c.training.train-batch = 1"));
        var (worker, inbox) = Probe.Create(_system, "worker");
        learner.Tell(new RegisterWorker(worker, 0), worker);
        var initial = await inbox.Expect<WeightSnapshot>();

        var statistics = new A2CStatistics(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 8);
        var poisoned = new float[initial.Weights.Length];
        poisoned[5] = float.NaN;
        learner.Tell(new GradientPacket(poisoned, 0, statistics, new WorkerReport([], 8, 0)), worker);
        await inbox.Expect<BatchConsumed>();
        var clean = Enumerable.Repeat(0.01f, initial.Weights.Length).ToArray();
        learner.Tell(new GradientPacket(clean, 0, statistics, new WorkerReport([new EpisodeStatistics(10, 10)], 8, 0)), worker);
        var applied = await inbox.Expect<WeightSnapshot>();

        Assert.Equal(1, applied.Version); // only the clean packet moved the weights
        Assert.All(applied.Weights, w => Assert.True(float.IsFinite(w)));
        await WaitFor(() => progress.Any(p => p.Updates == 1 && p.SkippedUpdates == 1));
    }

    [Fact]
    public async Task A_learner_given_exported_weights_starts_from_them_exactly()
    {
        var recipe = Recipes.CartPole("a2c", maxFrames: 1_000_000);
        var (observations, actions, _) = recipe.Spaces();
        using var exported = ActorCriticFactory.Create(observations, actions, recipe.Training.Hidden, seed: 12345);
        var sidecar = WeightsSidecar.Describe(exported.Describe(), WeightsFormat.Safetensors, "float32", "CartPole-v1", "earlier", 7, null);
        var initial = new InitialWeights("earlier.safetensors", NetworkState.SaveWeights(exported), sidecar);
        initial.EnsureFits(recipe);

        var learner = Learner(recipe with { InitFrom = initial });
        var (worker, inbox) = Probe.Create(_system, "worker");
        learner.Tell(new RegisterWorker(worker, 0), worker);
        var first = await inbox.Expect<WeightSnapshot>();

        Assert.Equal(0, first.Version);
        Assert.Equal(FlatParameters.Export(exported.ParameterList), first.Weights);
        using var fresh = ActorCriticFactory.Create(observations, actions, recipe.Training.Hidden, recipe.Training.Seed);
        Assert.NotEqual(FlatParameters.Export(fresh.ParameterList), first.Weights); // not what the seed alone gives
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(20, cancel.Token);
    }
}
