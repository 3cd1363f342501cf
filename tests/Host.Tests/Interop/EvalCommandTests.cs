using System.Globalization;
using System.Text.RegularExpressions;

namespace A3C.Host.Tests.Interop;

/// <summary><c>a3c eval</c> over a small run written straight into a store.</summary>
public sealed partial class EvalCommandTests : IAsyncLifetime
{
    private const string Run = "cartpole";

    private readonly TemporaryRuns _runs = new();

    public Task InitializeAsync() =>
        StoredRuns.SaveAsync(_runs.Options, Run, "CartPole-v1", (10, 40), (20, 475), (30, 12));

    public Task DisposeAsync() => _runs.DisposeAsync().AsTask();

    [Fact]
    public async Task Eval_plays_the_best_snapshot_and_prints_the_statistics_of_return_and_length()
    {
        using var eval = await _runs.RunAsync("eval", Run, "--episodes", "4", "--seed", "3");

        Assert.True(eval.ExitCode == 0, $"exit code {eval.ExitCode}:\n{eval.Output}\n{eval.Error}");
        Assert.Contains("a3c eval: taking snapshot 20 of run 'cartpole': the best mean reward of the run (mean reward 475.0)", eval.Output);
        Assert.Contains("a3c eval: 4 episodes of CartPole-v1, actions sampled from the policy, seed 3", eval.Output);
        var returns = StatisticsLine(eval.Output, "return");
        var lengths = StatisticsLine(eval.Output, "length");
        // CartPole pays 1 per step, so return and length agree episode by episode.
        Assert.Equal(returns, lengths);
        Assert.InRange(returns.Min, 1, 500);
        Assert.True(returns.Min <= returns.Mean && returns.Mean <= returns.Max && returns.Std >= 0, eval.Output);

        // The same seed plays the same episodes.
        using var again = await _runs.RunAsync("eval", Run, "--episodes", "4", "--seed", "3");
        Assert.Equal(returns, StatisticsLine(again.Output, "return"));
    }

    [Fact]
    public async Task Greedy_eval_of_a_chosen_step_says_which_and_plays_deterministically()
    {
        using var first = await _runs.RunAsync("eval", Run, "--step", "30", "--greedy", "--episodes", "2", "--seed", "5");
        using var second = await _runs.RunAsync("eval", Run, "--step", "30", "--greedy", "--episodes", "2", "--seed", "5");

        Assert.True(first.ExitCode == 0, $"exit code {first.ExitCode}:\n{first.Output}\n{first.Error}");
        Assert.Contains("taking snapshot 30 of run 'cartpole': the step asked for (mean reward 12.0)", first.Output);
        Assert.Contains("greedy (argmax) actions", first.Output);
        Assert.Equal(StatisticsLine(first.Output, "length"), StatisticsLine(second.Output, "length"));
    }

    [Theory]
    [InlineData("nope", "", "Run 'nope' not found in")]
    [InlineData(Run, "--step 25", "Run 'cartpole' in")]
    [InlineData(Run, "--step 25", "has no snapshot 25; it has 30, 20, 10.")]
    [InlineData(Run, "--episodes 0", "--episodes must be at least 1, got 0")]
    public async Task Eval_of_a_missing_run_or_step_or_no_episodes_exits_with_2_saying_what_exists(string run, string options, string expected)
    {
        using var eval = await _runs.RunAsync(["eval", run, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, eval.ExitCode);
        Assert.Contains($"a3c eval: ", eval.Error);
        Assert.Contains(expected, eval.Error);
    }

    [Fact]
    public async Task Render_writes_the_first_episode_as_a_gif_with_a_frame_per_step_and_the_reset()
    {
        var gif = _runs.File("episode.gif");

        using var eval = await _runs.RunAsync("eval", Run, "--episodes", "2", "--greedy", "--render", gif);

        Assert.True(eval.ExitCode == 0, $"exit code {eval.ExitCode}:\n{eval.Output}\n{eval.Error}");
        var frames = int.Parse(FramesWritten().Match(eval.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        var (width, height, images) = GifFile.Read(await File.ReadAllBytesAsync(gif));
        Assert.Equal((300, 200), (width, height)); // CartPole's rendering
        Assert.Equal(frames, images);
        Assert.True(frames >= 2, $"{frames} frames: the reset and at least one step");
    }

    private static (double Mean, double Std, double Min, double Max) StatisticsLine(string output, string what)
    {
        var match = Regex.Match(output, $@"^{what}\s+mean\s+(\S+)\s+std\s+(\S+)\s+min\s+(\S+)\s+max\s+(\S+)\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no '{what}' statistics line in:\n{output}");
        double Value(int group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return (Value(1), Value(2), Value(3), Value(4));
    }

    [GeneratedRegex(@"wrote episode 1 \((\d+) frames\)")]
    private static partial Regex FramesWritten();
}
