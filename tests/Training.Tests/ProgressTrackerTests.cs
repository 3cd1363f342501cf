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

}
