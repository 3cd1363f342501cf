using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Networks;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;

namespace A3C.Training.Tests;

/// <summary>The learner driven message by message by probe workers, with no environments at all.</summary>
public sealed class LearnerActorTests : TestKit
{
    // A learner's update takes milliseconds, but a loaded machine can stall one for longer.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private IActorRef Learner(TrainingRecipe recipe)
    {
        var (observations, actions, _) = recipe.Spaces();
        return Sys.ActorOf(Props.Create(() => new LearnerActor<float>(recipe, observations, actions)), "learner");
    }

    /// <summary>The next message of type <typeparamref name="T"/> the probe gets, skipping others.</summary>
    private static async Task<T> Next<T>(TestProbe probe, Predicate<T>? matching = null) =>
        await probe.FishForMessageAsync(matching ?? (_ => true), HangGuard);

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
        var inboxA = CreateTestProbe("a");
        var a = inboxA.Ref;
        var inboxB = CreateTestProbe("b");
        var b = inboxB.Ref;
        learner.Tell(new RegisterWorker(a, 0), a);
        learner.Tell(new RegisterWorker(b, 1), b);
        var initial = await Next<WeightSnapshot>(inboxA);
        Assert.Equal(0, initial.Version);
        await Next<WeightSnapshot>(inboxB);

        learner.Tell(Experience(0), a);
        learner.Tell(Experience(0), a); // delivered twice: must count once
        learner.Tell(Experience(0), b);
        var next = await Next<WeightSnapshot>(inboxA);
        Assert.Equal(1, next.Version);
        Assert.NotEqual(initial.Weights, next.Weights);

        // Had the repeated batch been kept for the next round, b's batch would now complete it.
        learner.Tell(Experience(1), b);
        var inboxC = CreateTestProbe("c");
        var c = inboxC.Ref;
        learner.Tell(new RegisterWorker(c, 2), c); // answered after b's batch: shows the version then
        Assert.Equal(1, (await Next<WeightSnapshot>(inboxC)).Version);
    }

    [Fact]
    public async Task The_first_weights_go_out_once_every_local_worker_has_registered_and_a_later_worker_gets_them_at_once()
    {
        var learner = Learner(Recipes.CartPole("a2c", maxFrames: 1_000_000)); // two workers
        var first = CreateTestProbe("first");
        var second = CreateTestProbe("second");
        var late = CreateTestProbe("late");

        learner.Tell(new RegisterWorker(first.Ref, 0), first.Ref);
        await first.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // alone, it would start the first rounds by itself
        learner.Tell(new RegisterWorker(second.Ref, 1), second.Ref);

        Assert.Equal(0, (await Next<WeightSnapshot>(first)).Version);
        Assert.Equal(0, (await Next<WeightSnapshot>(second)).Version);
        learner.Tell(new RegisterWorker(late.Ref, 1000), late.Ref);
        Assert.Equal(0, (await Next<WeightSnapshot>(late)).Version);
    }

    [Fact]
    public async Task A_non_finite_gradient_packet_is_skipped_and_counted_never_applied()
    {
        var progress = CreateTestProbe("progress");
        Sys.EventStream.Subscribe(progress.Ref, typeof(TrainingProgress));
        var learner = Learner(Recipes.CartPole("a3c-grad", maxFrames: 1_000_000, "a3c.training { train-batch = 1, workers = 1 }"));
        var inbox = CreateTestProbe("worker");
        var worker = inbox.Ref;
        learner.Tell(new RegisterWorker(worker, 0), worker);
        var initial = await Next<WeightSnapshot>(inbox);

        var statistics = new A2CStatistics(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 8);
        var poisoned = new float[initial.Weights.Length];
        poisoned[5] = float.NaN;
        learner.Tell(new GradientPacket(poisoned, 0, statistics, new WorkerReport([], 8, 0)), worker);
        await Next<BatchConsumed>(inbox);
        var clean = Enumerable.Repeat(0.01f, initial.Weights.Length).ToArray();
        learner.Tell(new GradientPacket(clean, 0, statistics, new WorkerReport([new EpisodeStatistics(10, 10)], 8, 0)), worker);
        var applied = await Next<WeightSnapshot>(inbox);

        Assert.Equal(1, applied.Version); // only the clean packet moved the weights
        Assert.All(applied.Weights, w => Assert.True(float.IsFinite(w)));
        await Next<TrainingProgress>(progress, p => p.Updates == 1 && p.SkippedUpdates == 1);
    }

    [Fact]
    public async Task A_learner_given_exported_weights_starts_from_them_exactly()
    {
        var recipe = Recipes.CartPole("a2c", maxFrames: 1_000_000, "a3c.training.workers = 1");
        var (observations, actions, _) = recipe.Spaces();
        using var exported = ActorCriticFactory.Create(observations, actions, recipe.Training.Hidden, seed: 12345);
        var sidecar = WeightsSidecar.Describe(exported.Describe(), WeightsFormat.Safetensors, "float32", "CartPole-v1", "earlier", 7, null);
        var initial = new InitialWeights("earlier.safetensors", NetworkState.SaveWeights(exported), sidecar);
        initial.EnsureFits(recipe);

        var learner = Learner(recipe with { InitFrom = initial });
        var inbox = CreateTestProbe("worker");
        var worker = inbox.Ref;
        learner.Tell(new RegisterWorker(worker, 0), worker);
        var first = await Next<WeightSnapshot>(inbox);

        Assert.Equal(0, first.Version);
        Assert.Equal(FlatParameters.Export(exported.ParameterList), first.Weights);
        using var fresh = ActorCriticFactory.Create(observations, actions, recipe.Training.Hidden, recipe.Training.Seed);
        Assert.NotEqual(FlatParameters.Export(fresh.ParameterList), first.Weights); // not what the seed alone gives
    }
}
