using A3C.Actors.Training.Messages;
using A3C.Host.Terminal;
using Spectre.Console.Testing;

namespace A3C.Host.Tests.Terminal;

public sealed class LiveProgressTests
{
    [Fact]
    public async Task The_bar_shows_the_percentage_the_time_left_and_the_key_figures()
    {
        var console = new TestConsole().Width(120).Interactive();
        var live = await LiveProgress.StartAsync(console, maxFrames: 1_000_000, rewardBound: null, captureConsole: false);

        live.Report(Progress(frames: 100_000, seconds: 10, reward: double.NaN));
        // 30 s window: 300,000 frames in 20 s = 15,000/s; 600,000 to go = 40 s.
        live.Report(Progress(frames: 400_000, seconds: 30, reward: 21.5));
        await live.DisposeAsync();

        var last = LastDrawing(console.Output);
        Assert.Contains(" 40%  of 1,000,000 frames  0:40 left", last);
        Assert.Contains("frames 400,000", last);
        Assert.Contains("reward 21.5", last);
        Assert.Contains("episodes 2,000", last);
        Assert.Contains("updates 4,000", last);
        Assert.Contains("restarts 3", last);
        Assert.Equal(0.4, live.Estimate.Fraction, 9);
    }

    [Fact]
    public async Task A_nearer_reward_bound_takes_the_bar()
    {
        var console = new TestConsole().Width(120).Interactive();
        var live = await LiveProgress.StartAsync(console, maxFrames: 10_000_000, rewardBound: 475, captureConsole: false);

        live.Report(Progress(frames: 100_000, seconds: 10, reward: 25));
        // Reward (250-25)/(475-25) = 50%; it rose 225 in 10 s = 22.5/s, 225 to go: 10 s.
        live.Report(Progress(frames: 200_000, seconds: 20, reward: 250));
        await live.DisposeAsync();

        Assert.Contains(" 50%  toward reward 475.0  0:10 left", LastDrawing(console.Output));
    }

    /// <summary>A live display redraws in place; the last drawing is what stays on screen.</summary>
    private static string LastDrawing(string output)
    {
        var bar = output.LastIndexOf('━');
        Assert.True(bar >= 0, output);
        return output[(output.LastIndexOf('\n', bar) + 1)..];
    }

    private static TrainingProgress Progress(long frames, double seconds, double reward) => new(
        Frames: frames, Updates: frames / 100, Episodes: frames / 200, MeanReward: reward, MeanEpisodeLength: 100,
        FramesPerSecond: 12_345, UpdatesPerSecond: 10, MeanStaleness: 0, SkippedUpdates: 0, WorkerRestarts: 3,
        LearningRate: 0.001, Elapsed: TimeSpan.FromSeconds(seconds), Last: null);
}
