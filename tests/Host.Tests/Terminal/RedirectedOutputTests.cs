using A3C.Host.Tests.Interop;
using A3C.Host.Tests.Monitoring;

namespace A3C.Host.Tests.Terminal;

/// <summary>
/// The CLI with its output going into a pipe, as scripts and <c>| less</c> see it: no escape codes,
/// tables laid out for <c>COLUMNS</c> with every row kept, counts as integers.
/// </summary>
public sealed class RedirectedOutputTests : IAsyncLifetime
{
    private const string Escape = "\u001b[";

    private readonly TemporaryRuns _runs = new();

    public Task InitializeAsync() => StoredRuns.SaveAsync(_runs.Options, "cartpole", "CartPole-v1", (10, 40), (20, 475), (30, null));

    public Task DisposeAsync() => _runs.DisposeAsync().AsTask();

    [Fact]
    public async Task Train_prints_plain_progress_lines_and_the_finished_line_into_a_pipe()
    {
        var config = _runs.File("cartpole.conf");
        await File.WriteAllTextAsync(config, $$"""
            a3c.environment { id = CartPole-v1, envs-per-worker = 4 }
            a3c.training { mode = a2c, workers = 1, batch-size = 32, hidden = 16, max-frames = 4000, reward-bound = null }
            a3c.persistence { directory = "{{_runs.RunsDirectory}}" }
            a3c.monitoring.port = 0
            """);
        // TERM says a colour terminal; only the pipe decides.
        using var train = A3cProcess.Start(_runs.Root, new Dictionary<string, string> { ["TERM"] = "xterm-256color" },
            "train", "--config", config, "--run", "piped");
        await train.WaitForExitAsync();

        Assert.True(train.ExitCode == 0, $"exit code {train.ExitCode}:\n{train.Output}\n{train.Error}");
        Assert.DoesNotContain(Escape, train.Output);
        Assert.Matches(@"(?m)^finished: frame budget spent after [\d,]+ frames, [\d,]+ updates, [\d,]+ episodes in [\d.]+ s; mean reward ", train.Output);
    }

    [Fact]
    public async Task Checkpoints_list_writes_no_escape_codes_into_a_pipe()
    {
        using var list = await A3cProcess.RunAsync(_runs.Root, ["checkpoints", "list", "cartpole", "--directory", _runs.RunsDirectory]);

        Assert.True(list.ExitCode == 0, $"exit code {list.ExitCode}:\n{list.Output}\n{list.Error}");
        Assert.DoesNotContain(Escape, list.Output);
        Assert.Contains("valid", list.Output);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(200)]
    public async Task Metrics_fit_the_width_keep_every_actor_and_print_counts_as_integers(int columns)
    {
        await using var node = await MonitoredActorSystem.StartAsync("columns-test");
        await node.PingAsync(node.Pinger, 3);
        await node.PublishAsync(MonitoredActorSystem.Progress(frames: 15_369_500, meanReward: 17.5));
        var actors = (await new A3C.Host.Monitoring.MonitoringClient(node.Http, node.Server.Url).ActorsAsync(CancellationToken.None)).Actors;

        using var metrics = A3cProcess.Start(_runs.Root, new Dictionary<string, string> { ["COLUMNS"] = columns.ToString(), ["TERM"] = "xterm-256color" },
            "metrics", "--url", node.Server.Url.ToString());
        await metrics.WaitForExitAsync();

        Assert.True(metrics.ExitCode == 0, $"exit code {metrics.ExitCode}:\n{metrics.Output}\n{metrics.Error}");
        var output = metrics.Output;
        Assert.DoesNotContain(Escape, output);
        Assert.DoesNotContain("...", output);
        Assert.DoesNotContain("…", output);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r'));
        Assert.All(lines, line => Assert.True(line.Length <= columns, $"{line.Length} > {columns}: '{line}'\n{output}"));
        // Every actor keeps its row: its own name shows, whole, in the first column.
        foreach (var actor in actors)
        {
            var name = actor.Path.TrimEnd('/').Split('/')[^1];
            Assert.True(lines.Any(l => l.Contains(name, StringComparison.Ordinal)), $"no row for {actor.Path}:\n{output}");
        }
        Assert.Matches(@"frames\s+[│|]?\s*15,369,500", output);
        Assert.Contains("1,234.5", output);
        Assert.DoesNotContain("E+", output);
    }
}
