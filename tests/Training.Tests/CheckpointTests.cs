using System.Text.Json;
using A3C.Actors.Persistence;
using A3C.Actors.Training;
using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static A3C.Training.Tests.ResumeScenario;

namespace A3C.Training.Tests;

/// <summary>Learner snapshots in a SQLite store: what they hold, resuming from them, and damaged or mismatched ones.</summary>
public sealed class CheckpointTests : IAsyncLifetime
{
    private readonly RunStore _runs = RunStore.Sqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _runs.DisposeAsync().AsTask();

    [Fact]
    public async Task The_final_snapshot_holds_the_learner_state_bit_exactly_with_its_counters_and_config()
    {
        var recipe = CartPole(maxFrames: 3_000);
        var finished = await _runs.TrainAsync(recipe);

        var point = await ResumePoint.LoadLatestAsync(_runs.Store, Run);
        Assert.Equal(0, finished.Progress.SkippedUpdates);
        Assert.Equal(finished.Progress.Updates, point.SequenceNr);
        Assert.Equal(new SnapshotCounters(finished.Progress.Updates, finished.Progress.Frames, finished.Progress.Episodes), point.Counters);
        Assert.Equal(recipe.ConfigText, point.Metadata.Config);
        Assert.Equal("A2C", point.Metadata.Mode);

        // Restored into a fresh network and optimizer (other seed), the state saves back to the same bytes...
        var (observations, actions, _) = recipe.Spaces();
        using var net = ActorCriticFactory.Create(observations, actions, recipe.Training.Hidden, seed: 99);
        using var step = new GradientStep(net, recipe.Training.Optimizer, recipe.Training.LearningRate, recipe.Training.AdamEps);
        var (untrainedWeights, untrainedOptimizer) = (NetworkState.SaveWeights(net), step.SaveState());
        point.Restore(net, step);
        Assert.Equal(point.Weights, NetworkState.SaveWeights(net));
        Assert.Equal(point.OptimizerState, step.SaveState());
        // ...and it is a trained state, not the initial one, with optimizer moments of its own.
        Assert.NotEqual(untrainedWeights, point.Weights);
        Assert.NotEqual(untrainedOptimizer, point.OptimizerState);
    }

    [Fact]
    public async Task Snapshots_are_taken_every_interval_and_pruned_to_keep()
    {
        var finished = await _runs.TrainAsync(CartPole(maxFrames: 3_000, checkpointInterval: 5));

        var journal = await _runs.Store.Journal.ReadAsync(Run);
        Assert.Equal(RunEventKinds.Started, journal[0].Kind);
        Assert.Equal(RunEventKinds.Stopped, journal[^1].Kind);
        Assert.Equal(2, journal.Count(e => e.Kind == RunEventKinds.WorkerJoined));
        // The writer coalesces when the disk falls behind (by design, so training never waits), so
        // how many snapshots get stored depends on the disk; each stored one is journalled, the final one last.
        var checkpointed = journal.Where(e => e.Kind == RunEventKinds.Checkpointed)
            .Select(e => JsonSerializer.Deserialize<JsonElement>(e.PayloadJson).GetProperty("step").GetInt64()).ToList();
        Assert.Equal(finished.Progress.Updates, checkpointed[^1]);
        Assert.All(checkpointed.SkipLast(1), step => Assert.Equal(0, step % 5));

        // Pruning keeps the newest `keep = 3` of those stored (exactly the last ones journalled) and the best by mean reward.
        // A final step that falls on the interval is stored twice under one step (with the frames counted since).
        var listed = await _runs.Store.Snapshots.ListAsync(Run);
        Assert.Equal(checkpointed.Distinct().TakeLast(3).Reverse(), listed.Take(3).Select(s => s.SequenceNr));
        Assert.All(listed.Skip(3), s => Assert.True(s.IsBest, $"snapshot {s.SequenceNr} is beyond the newest 3 but not the best"));
    }

    [Fact]
    public async Task Within_the_minimum_period_only_the_first_due_snapshot_and_the_final_one_are_taken()
    {
        var finished = await _runs.TrainAsync(CartPole(maxFrames: 3_000, checkpointInterval: 5, minPeriod: "1h"));

        var checkpointed = (await _runs.Store.Journal.ReadAsync(Run)).Where(e => e.Kind == RunEventKinds.Checkpointed)
            .Select(e => JsonSerializer.Deserialize<JsonElement>(e.PayloadJson).GetProperty("step").GetInt64()).ToList();
        Assert.True(finished.Progress.Updates > 10, $"only {finished.Progress.Updates} updates: too few to show the period");
        Assert.Equal([5L, finished.Progress.Updates], checkpointed);
    }

    [Fact]
    public Task Resuming_continues_the_counters_from_the_stored_state() => ResumeContinuesCountersFromTheStoredStateAsync(_runs);

    [Fact]
    public async Task A_cancelled_run_still_stores_its_final_snapshot_and_journals_the_stop()
    {
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runs.TrainAsync(
            CartPole(maxFrames: 100_000_000, checkpointInterval: 0),
            onProgress: progress => { if (progress.Frames > 2_000) cancel.Cancel(); },
            cancel.Token));

        var point = await ResumePoint.LoadLatestAsync(_runs.Store, Run);
        Assert.True(point.Counters.Frames > 2_000);
        var stopped = (await _runs.Store.Journal.ReadAsync(Run))[^1];
        Assert.Equal(RunEventKinds.Stopped, stopped.Kind);
        using var payload = JsonDocument.Parse(stopped.PayloadJson);
        Assert.Equal(point.SequenceNr, payload.RootElement.GetProperty("updates").GetInt64());
    }

    [Fact]
    public async Task A_corrupt_newest_snapshot_is_reported_and_the_previous_one_is_used()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 3_000));
        var listed = await _runs.Store.Snapshots.ListAsync(Run);
        await _runs.FlipBlobByteAsync(Run, listed[0].SequenceNr, ResumePoint.WeightsBlob, offset: 100);

        var problems = new List<SnapshotProblem>();
        var point = await ResumePoint.LoadLatestAsync(_runs.Store, Run, problems.Add);

        Assert.Equal(listed[1].SequenceNr, point.SequenceNr);
        var problem = Assert.Single(problems);
        Assert.Equal(listed[0].SequenceNr, problem.SequenceNr);
        Assert.Equal(SnapshotStatus.ChecksumMismatch, problem.Status);
        point.EnsureFits(CartPole(maxFrames: 3_000)); // the older one is whole
    }

    [Fact]
    public async Task A_run_whose_every_snapshot_is_corrupt_cannot_be_resumed()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 1_000, checkpointInterval: 0));
        var only = Assert.Single(await _runs.Store.Snapshots.ListAsync(Run));
        await _runs.FlipBlobByteAsync(Run, only.SequenceNr, ResumePoint.WeightsBlob, offset: 10);

        var error = await Assert.ThrowsAsync<PersistenceException>(() => ResumePoint.LoadLatestAsync(_runs.Store, Run));
        Assert.Contains("no valid snapshot", error.Message);
        Assert.Contains($"snapshot {only.SequenceNr}", error.Message);
    }

    [Fact]
    public async Task A_config_with_other_network_shapes_is_rejected_naming_the_parameter_and_both_shapes()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 1_000));
        var point = await ResumePoint.LoadLatestAsync(_runs.Store, Run);

        var error = Assert.Throws<IncompatibleCheckpointException>(
            () => point.EnsureFits(CartPole(maxFrames: 1_000, extra: "a3c.training.hidden = 32")));

        Assert.Contains("'body.weight'", error.Message);
        Assert.Contains("[64, 4]", error.Message);
        Assert.Contains("[32, 4]", error.Message);
        Assert.Contains($"snapshot {point.SequenceNr} of run '{Run}'", error.Message);
    }

    [Fact]
    public async Task An_unknown_run_is_an_error_listing_the_known_ones_and_the_location()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 500));

        var error = await Assert.ThrowsAsync<RunNotFoundException>(() => ResumePoint.LoadLatestAsync(_runs.Store, "cartpol"));

        Assert.Equal([Run], error.KnownRuns);
        Assert.Contains(_runs.Store.Location, error.Message);
        Assert.Contains(Run, error.Message);
    }
}
