using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static A3C.Training.Tests.ResumeScenario;

namespace A3C.Training.Tests;

/// <summary>Learner checkpoints on Akka.Persistence (SQLite): what they hold, resuming from them, and damaged or mismatched ones.</summary>
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

        var point = await _runs.LoadLatestAsync(Run);
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

        var events = await _runs.EventsAsync(Run);
        Assert.IsType<RunStarted>(events[0]);
        // The keeper replaces a waiting state with a newer one when the disk falls behind (by design, so
        // training never waits), so how many get stored depends on the disk; each stored one is journalled, the final one last.
        var recorded = events.OfType<CheckpointRecorded>().ToList();
        Assert.Equal(finished.Progress.Updates, recorded[^1].Step);
        Assert.All(recorded.SkipLast(1), c => Assert.Equal(0, c.Step % 5));

        // Pruning keeps the newest `keep = 3` of those stored and the best by mean reward.
        var history = CheckpointHistory.Of(events);
        var best = history.Best?.SnapshotSequenceNr;
        Assert.Equal(recorded.TakeLast(3).Select(c => c.SnapshotSequenceNr), history.Checkpoints.TakeLast(3).Select(c => c.SnapshotSequenceNr));
        Assert.All(history.Checkpoints.SkipLast(3), c => Assert.Equal(best, c.SnapshotSequenceNr));
    }

    [Fact]
    public async Task Within_the_minimum_period_only_the_first_due_snapshot_and_the_final_one_are_taken()
    {
        var finished = await _runs.TrainAsync(CartPole(maxFrames: 3_000, checkpointInterval: 5, minPeriod: "1h"));

        var recorded = (await _runs.EventsAsync(Run)).OfType<CheckpointRecorded>().Select(c => c.Step).ToList();
        Assert.True(finished.Progress.Updates > 10, $"only {finished.Progress.Updates} updates: too few to show the period");
        Assert.Equal([5L, finished.Progress.Updates], recorded);
    }

    [Fact]
    public Task Resuming_continues_the_counters_from_the_stored_state() => ResumeContinuesCountersFromTheStoredStateAsync(_runs);

    [Fact]
    public async Task A_cancelled_run_still_stores_its_final_snapshot()
    {
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runs.TrainAsync(
            CartPole(maxFrames: 100_000_000, checkpointInterval: 0),
            onProgress: progress => { if (progress.Frames > 2_000) cancel.Cancel(); },
            cancel.Token));

        var point = await _runs.LoadLatestAsync(Run);
        Assert.True(point.Counters.Frames > 2_000);
        Assert.Equal(point.SequenceNr, CheckpointHistory.Of(await _runs.EventsAsync(Run)).Latest!.Step);
    }

    [Fact]
    public async Task A_corrupt_newest_snapshot_is_reported_and_the_previous_one_is_used()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 3_000));
        var kept = CheckpointHistory.Of(await _runs.EventsAsync(Run)).Checkpoints;
        await _runs.FlipSnapshotByteAsync(Run, kept[^1].SnapshotSequenceNr, offset: 100);

        var problems = new List<string>();
        var point = await _runs.LoadLatestAsync(Run, problems.Add);

        Assert.Equal(kept[^2].Step, point.SequenceNr);
        var problem = Assert.Single(problems);
        Assert.Contains($"snapshot {kept[^1].SnapshotSequenceNr} of run '{Run}'", problem);
        Assert.Contains("SHA-256 does not match", problem);
        point.EnsureFits(CartPole(maxFrames: 3_000)); // the older one is whole
    }

    [Fact]
    public async Task A_run_whose_every_snapshot_is_corrupt_cannot_be_resumed()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 1_000, checkpointInterval: 0));
        var only = Assert.Single(CheckpointHistory.Of(await _runs.EventsAsync(Run)).Checkpoints);
        await _runs.FlipSnapshotByteAsync(Run, only.SnapshotSequenceNr, offset: 10);

        var error = await Assert.ThrowsAsync<PersistenceException>(() => _runs.LoadLatestAsync(Run));

        Assert.Contains("no valid snapshot", error.Message);
        Assert.Contains($"snapshot {only.SnapshotSequenceNr}", error.Message);
    }

    [Fact]
    public async Task A_config_with_other_network_shapes_is_rejected_naming_the_parameter_and_both_shapes()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 1_000));
        var point = await _runs.LoadLatestAsync(Run);

        var error = Assert.Throws<IncompatibleCheckpointException>(
            () => point.EnsureFits(CartPole(maxFrames: 1_000, extra: "a3c.training.hidden = 32")));

        Assert.Contains("'body.weight'", error.Message);
        Assert.Contains("[64, 4]", error.Message);
        Assert.Contains("[32, 4]", error.Message);
        Assert.Contains($"snapshot {point.SequenceNr} of run '{Run}'", error.Message);
    }

    [Fact]
    public async Task When_no_snapshot_can_be_written_training_goes_on_each_failure_is_reported_and_the_final_one_is_known_lost()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 1_000, checkpointInterval: 0));
        var stored = CheckpointHistory.Of(await _runs.EventsAsync(Run)).Latest!;
        var point = await _runs.LoadLatestAsync(Run);
        // As a full disk would: every snapshot write fails from here on.
        await _runs.ExecuteSqlAsync(Run, "CREATE TRIGGER disk_full BEFORE INSERT ON snapshot BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");

        var finished = await _runs.TrainAsync(CartPole(maxFrames: 3_000) with { ResumeFrom = point });

        Assert.Equal(StopReason.FrameBudgetSpent, finished.Reason);
        Assert.False(_runs.FinalSnapshotStored);
        Assert.NotEmpty(_runs.WriteProblems);
        Assert.All(_runs.WriteProblems, problem => Assert.Contains("database or disk is full", problem));
        Assert.Contains("training goes on", _runs.WriteProblems[0]);
        // What was stored before stays the run's newest checkpoint.
        Assert.Equal(stored.SnapshotSequenceNr, CheckpointHistory.Of(await _runs.EventsAsync(Run)).Latest!.SnapshotSequenceNr);
    }

    [Fact]
    public async Task An_unknown_run_is_an_error_listing_the_known_ones_and_the_location()
    {
        await _runs.TrainAsync(CartPole(maxFrames: 500));

        var error = await Assert.ThrowsAsync<RunNotFoundException>(() => _runs.LoadLatestAsync("cartpol"));

        Assert.Equal([Run], error.KnownRuns);
        Assert.Contains(Path.GetFullPath(_runs.Options.Directory), error.Message);
        Assert.Contains(Run, error.Message);
    }
}
