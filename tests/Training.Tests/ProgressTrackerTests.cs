using A3C.Actors.Training;
using A3C.Actors.Training.Messages;
using A3C.Models.Environments;

namespace A3C.Training.Tests;

public sealed class ProgressTrackerTests
{
    [Fact]
    public void Mean_episode_length_covers_the_same_window_as_the_mean_reward()
    {
        var tracker = new ProgressTracker(rewardWindow: 2, learningRate: 0.001);
        Assert.True(double.IsNaN(tracker.Snapshot().MeanEpisodeLength));

        tracker.Record(new WorkerReport([new EpisodeStatistics(1, 10), new EpisodeStatistics(2, 20)], 30, 0));
        tracker.Record(new WorkerReport([new EpisodeStatistics(6, 61)], 61, 0));
        var progress = tracker.Snapshot();

        Assert.Equal(3, progress.Episodes);
        Assert.Equal(4, progress.MeanReward);
        Assert.Equal(40.5, progress.MeanEpisodeLength); // the first episode has left the window
    }

    [Fact]
    public void Every_record_carries_the_current_learning_rate()
    {
        var tracker = new ProgressTracker(rewardWindow: 10, learningRate: 0.003);
        Assert.Equal(0.003, tracker.Snapshot().LearningRate);

        tracker.LearningRate = 0.0015;
        Assert.Equal(0.0015, tracker.Snapshot().LearningRate);
    }

    [Fact]
    public async Task Rates_span_the_interval_since_the_last_record_whose_frames_moved()
    {
        var tracker = new ProgressTracker(rewardWindow: 10, learningRate: 0.001);
        var address = new Akka.Actor.Address("akka.tcp", "a3c", "host", 1);
        tracker.Record(new WorkerReport([], 100, 0), address);
        var first = tracker.Snapshot();
        await Task.Delay(20);
        var stalled = tracker.Snapshot();
        await Task.Delay(20);
        tracker.Record(new WorkerReport([], 50, 0), address);
        tracker.RecordUpdate(new Models.Algorithms.A2CStatistics(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 50), staleness: 0);
        var moved = tracker.Snapshot();

        Assert.Equal(0, stalled.FramesPerSecond);
        Assert.Equal(0, Assert.Single(stalled.Nodes).FramesPerSecond);
        var seconds = (moved.Elapsed - first.Elapsed).TotalSeconds;
        Assert.Equal(50 / seconds, moved.FramesPerSecond, 9);
        Assert.Equal(1 / seconds, moved.UpdatesPerSecond, 9);
        Assert.Equal(50 / seconds, Assert.Single(moved.Nodes).FramesPerSecond, 9);
    }
}
