namespace A3C.Host.Tests.Interop;

/// <summary><c>a3c checkpoints list</c> shows each snapshot's mean reward and marks the best, which pruning keeps.</summary>
public sealed class CheckpointsListTests : IAsyncLifetime
{
    private readonly TemporaryRuns _runs = new();

    public Task InitializeAsync() => StoredRuns.SaveAsync(_runs.Options, "cartpole", "CartPole-v1", (10, 40), (20, 475), (30, null));

    public Task DisposeAsync() => _runs.DisposeAsync().AsTask();

    [Fact]
    public async Task List_shows_mean_rewards_and_marks_the_best_snapshot()
    {
        using var list = await _runs.RunAsync("checkpoints", "list", "cartpole");

        Assert.True(list.ExitCode == 0, $"exit code {list.ExitCode}:\n{list.Output}\n{list.Error}");
        var rows = list.Output.Split('\n');
        Assert.True(rows.Any(row => row.Contains(" 20 ") && row.Contains("475.0*")), list.Output);
        Assert.True(rows.Any(row => row.Contains(" 10 ") && row.Contains("40.0") && !row.Contains("40.0*")), list.Output);
        Assert.Contains("* the best mean reward: snapshot 20 (475.0), kept by pruning and taken by eval and export", list.Output);
    }
}
