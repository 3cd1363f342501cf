using A3C.Actors.Cluster;
using A3C.Actors.Remote;
using A3C.Actors.Runtime;
using A3C.Actors.Training;
using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Models.Algorithms;
using A3C.Models.Environments;

namespace A3C.Training.Tests;

/// <summary>
/// A learner node and worker nodes in this process, each its own actor system talking over
/// loopback TCP, as <c>a3c node</c> runs them (tests/Host.Tests runs them as processes).
/// </summary>
public sealed class ClusterTrainingTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);
    private static readonly ActorSystemSettings Quiet = ActorSystemSettings.Default with { LogToStdErr = false };
    private static readonly ClusterSettings Retry = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500));
    private static readonly RemoteSettings Loopback = new() { Secret = "test-secret", HeartbeatInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Every_training_message_crosses_the_wire_intact()
    {
        var sender = ActorSystem.Create("a3c", Quiet);
        var receiver = ActorSystem.Create("a3c", Quiet);
        await using var senderRemoting = await Remoting.StartAsync(sender, Loopback, TrainingCodecs.Registry());
        await using var receiverRemoting = await Remoting.StartAsync(receiver, Loopback, TrainingCodecs.Registry());
        try
        {
            var (probe, inbox) = Probe.Create(receiver, "probe");
            var target = senderRemoting.Resolve($"{receiverRemoting.Address}/user/probe");
            var (worker, _) = Probe.Create(sender, "worker");
            var report = new WorkerReport([new EpisodeStatistics(21.5, 22), new EpisodeStatistics(-3, 7)], 4096, 1);
            var statistics = new A2CStatistics(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 64);
            var floats = new TransitionBatch<float>(2, 3, [1, 2, 3, 4, 5, 6], [0, 1], [0.5f, 1.5f], [7, 8, 9, 10, 11, 12], [0.99f, 0]);
            var frames = new TransitionBatch<byte>(1, 4, [1, 2, 3, 255], [5], [2.5f], [9, 8, 7, 6], [0.9f]);
            var weights = Enumerable.Range(0, 100_000).Select(i => i * 0.001f).ToArray(); // travels in chunks

            target.Tell(new RegisterWorker(worker, 2001), null);
            target.Tell(new WeightSnapshot(42, weights), null);
            target.Tell(new ExperienceBatch<float>(floats, 41, report), null);
            target.Tell(new ExperienceBatch<byte>(frames, 40, report), null);
            target.Tell(new GradientPacket([0.25f, -0.5f], 39, statistics, report), null);
            target.Tell(new BatchConsumed(), null);
            target.Tell(new InferenceRequest<float>([1, 2, 3, 4], 1, 7), null);
            target.Tell(new InferenceReply([1, 0, 1], 8), null);
            target.Tell(new DescribeRun(), null);
            target.Tell(new RunDescription("run", "CartPole-v1", TrainingMode.A3CGrad, InferenceMode.Central, 4610), null);

            var register = await inbox.Expect<RegisterWorker>();
            Assert.Equal(2001, register.Index);
            Assert.Equal(worker.Path.ToStringWithoutAddress(), register.Worker.Path.ToStringWithoutAddress());
            Assert.Equal(senderRemoting.Address, register.Worker.Path.Address);
            var snapshot = await inbox.Expect<WeightSnapshot>();
            Assert.Equal(42, snapshot.Version);
            Assert.Equal(weights, snapshot.Weights);
            AssertSame(floats, (await inbox.Expect<ExperienceBatch<float>>()).Transitions);
            var bytes = await inbox.Expect<ExperienceBatch<byte>>();
            AssertSame(frames, bytes.Transitions);
            Assert.Equal(40, bytes.WeightVersion);
            Assert.Equal(report.Episodes, bytes.Report.Episodes);
            Assert.Equal((report.Frames, report.EnvironmentRestarts), (bytes.Report.Frames, bytes.Report.EnvironmentRestarts));
            var packet = await inbox.Expect<GradientPacket>();
            Assert.Equal([0.25f, -0.5f], packet.Gradients);
            Assert.Equal((39L, statistics), (packet.WeightVersion, packet.Statistics));
            await inbox.Expect<BatchConsumed>();
            var request = await inbox.Expect<InferenceRequest<float>>();
            Assert.Equal([1f, 2, 3, 4], request.Observations);
            Assert.Equal((1, 7L), (request.Count, request.MinimumVersion));
            var reply = await inbox.Expect<InferenceReply>();
            Assert.Equal([1, 0, 1], reply.Actions);
            Assert.Equal(8L, reply.Version);
            await inbox.Expect<DescribeRun>();
            Assert.Equal(new RunDescription("run", "CartPole-v1", TrainingMode.A3CGrad, InferenceMode.Central, 4610), await inbox.Expect<RunDescription>());
        }
        finally
        {
            await sender.Terminate();
            await receiver.Terminate();
        }
    }

    [Fact]
    public async Task A_worker_node_trains_for_a_learner_node_and_is_credited_with_its_frames()
    {
        var learner = Recipes.CartPole("a3c-data", maxFrames: 20_000) with { LocalWorkers = 0 };
        using var stopWorker = new CancellationTokenSource(HangGuard);
        var (run, seed) = await StartLearnerNodeAsync(learner);
        var worker = WorkerNodeSession.RunAsync(Recipes.CartPole("a3c-data", maxFrames: 20_000), Quiet, Loopback, seed, Retry,
            cancellationToken: stopWorker.Token);

        var finished = await run.WaitAsync(HangGuard);
        await stopWorker.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => worker);

        Assert.Equal(StopReason.FrameBudgetSpent, finished.Reason);
        Assert.True(finished.Progress.Updates > 0);
        // Every frame came from the worker node: the learner's process ran no workers.
        var contribution = Assert.Single(finished.Progress.Nodes);
        Assert.False(contribution.Node.HasLocalScope);
        Assert.Equal(seed.Host, contribution.Node.Host);
        Assert.NotEqual(seed.Port, contribution.Node.Port);
        Assert.Equal(finished.Progress.Frames, contribution.Frames);
    }

    [Fact]
    public async Task A_worker_node_whose_network_does_not_fit_the_learners_fails_and_says_why()
    {
        using var stopLearner = new CancellationTokenSource(HangGuard);
        var (run, seed) = await StartLearnerNodeAsync(Recipes.CartPole("a2c", maxFrames: 1_000_000) with { LocalWorkers = 0 }, stopLearner.Token);
        var misfit = Recipes.CartPole("a2c", maxFrames: 1_000_000, extra: "a3c.training.hidden = 32");

        var error = await Assert.ThrowsAsync<TrainingFailedException>(() =>
            WorkerNodeSession.RunAsync(misfit, Quiet, Loopback, seed, Retry).WaitAsync(HangGuard));

        Assert.Contains("training.hidden = 32", error.Message);
        Assert.Contains("parameters", error.Message);
        await stopLearner.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    /// <summary>A run whose actor system also listens for worker nodes, as <c>a3c node --role learner</c> starts it.</summary>
    private static async Task<(Task<TrainingFinished> Run, Address Seed)> StartLearnerNodeAsync(TrainingRecipe recipe, CancellationToken cancellation = default)
    {
        var seed = new TaskCompletionSource<Address>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = TrainingSession.RunAsync(recipe, Quiet, onSystemStarted: async system =>
        {
            var (remoting, _) = await LearnerNode.StartAsync(system, Loopback);
            seed.SetResult(remoting.Address);
            return remoting;
        }, cancellationToken: cancellation);
        return (run, await seed.Task.WaitAsync(HangGuard));
    }

    private static void AssertSame<TObs>(TransitionBatch<TObs> expected, TransitionBatch<TObs> actual) where TObs : unmanaged
    {
        Assert.Equal((expected.Count, expected.ObservationSize), (actual.Count, actual.ObservationSize));
        Assert.Equal(expected.Observations, actual.Observations);
        Assert.Equal(expected.Actions, actual.Actions);
        Assert.Equal(expected.Returns, actual.Returns);
        Assert.Equal(expected.BootstrapObservations, actual.BootstrapObservations);
        Assert.Equal(expected.BootstrapDiscounts, actual.BootstrapDiscounts);
    }
}
