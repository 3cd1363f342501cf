using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Actor;

namespace A3C.Host.Tests;

/// <summary>
/// <c>a3c node</c> as users run a cluster: a learner node and worker nodes as separate processes on
/// loopback, killed and restarted as machines are. The failure detector and the split-brain
/// resolver decide faster than Akka's defaults so a killed node is downed in seconds; every wait
/// is a hang guard, never a timing check.
/// </summary>
public sealed partial class ClusterNodeTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "a3c-cluster-tests", Guid.NewGuid().ToString("N"));
    private readonly List<A3cProcess> _processes = [];
    private readonly int _port = LoopbackPort.Unused();

    private string RunsDirectory => Path.Combine(_directory, "runs");

    private string ConfigFile => Path.Combine(_directory, "cartpole.conf");

    private string Seed => $"127.0.0.1:{_port}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        // One rollout worker per node keeps three processes within two cores; no reward bound, so
        // only the tests end these runs.
        await File.WriteAllTextAsync(ConfigFile, $$"""
            a3c.environment { id = CartPole-v1, envs-per-worker = 8 }
            a3c.training {
              mode = a3c-data
              workers = 1
              batch-size = 64
              learning-rate = 0.003
              adam-eps = 1e-5
              clip-grad = 0.5
              hidden = 64
              max-frames = 100000000
              reward-bound = null
              progress-interval = 500ms
            }
            a3c.persistence { directory = "{{RunsDirectory}}", checkpoint-interval = 20, keep = 3 }
            a3c.monitoring { port = 0, scalars-directory = null }
            a3c.cluster.retry-interval = 200ms
            akka.cluster {
              failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 2s }
              split-brain-resolver.stable-after = 2s
            }
            """);
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes) process.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Workers_train_for_the_learner_a_killed_worker_is_downed_and_a_restarted_one_trains_and_a_killed_learner_resumes_with_its_workers()
    {
        var learner = StartLearner("--run", "cluster");
        await learner.WaitForOutputAsync("cluster: learner node at");
        var first = StartWorker();
        var second = StartWorker();
        await learner.WaitForOutputAsync(o => Regex.Count(o, "cluster: worker node up at") == 2, "two workers up");

        // The reward climbs clearly above a random policy's (about 22) with all the work on the worker nodes,
        // their experience on the learner node's tensor channel.
        await learner.WaitForOutputAsync(o => Progress(o) is { MeanReward: > 60 }, "a mean reward above 60");
        Assert.Contains("tensors on the tensor channel to 127.0.0.1:", first.Output + first.Error);

        // SIGKILL a worker: the learner's side downs it and goes on training with the other.
        var killedAddress = ListeningAddress(first);
        first.Kill();
        await learner.WaitForOutputAsync($"worker node at {killedAddress} removed");
        var updatesAtRemoval = Progress(learner.Output)!.Updates;
        await learner.WaitForOutputAsync(o => Progress(o)!.Updates > updatesAtRemoval + 50, "updates after the worker was removed");

        // Restarted, it joins again as a new node and trains.
        var restarted = StartWorker();
        await learner.WaitForOutputAsync(o => Regex.Count(o, "cluster: worker node up at") == 3, "the restarted worker up");
        await restarted.WaitForOutputAsync("Working for the learner");

        // SIGKILL the learner (it has snapshotted by now: every 20 updates, at most once a second); resumed,
        // it continues from its newest snapshot and both workers come back.
        learner.Kill();
        var resumed = StartLearner("--resume", "cluster");
        await resumed.WaitForOutputAsync("resuming from snapshot");
        var from = ResumedLine().Match(resumed.Output);
        var (resumedUpdates, resumedFrames) = (long.Parse(from.Groups["updates"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
            long.Parse(from.Groups["frames"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.True(resumedUpdates > 0, resumed.Output);
        await resumed.WaitForOutputAsync(o => Regex.Count(o, "cluster: worker node up at") == 2, "both workers rejoining");
        await resumed.WaitForOutputAsync(o => Progress(o) is { } p && p.Updates > resumedUpdates + 20, "updates after resuming");
        Assert.True(Progress(resumed.Output)!.Frames > resumedFrames);
        foreach (var worker in new[] { second, restarted })
        {
            Assert.False(worker.HasExited, $"a worker exited:\n{worker.Output}\n{worker.Error}");
            await worker.WaitForOutputAsync(o => Regex.Count(o, "Working for the learner") >= 2, "working for the resumed learner");
        }
    }

    [Fact]
    public async Task Garbage_on_the_cluster_port_and_a_misfit_recipe_are_refused_while_training_goes_on()
    {
        var learner = StartLearner("--run", "door");
        await learner.WaitForOutputAsync("cluster: learner node at");
        var worker = StartWorker();
        await learner.WaitForOutputAsync(o => Progress(o) is { Updates: > 0 }, "training");

        Assert.True(await IsClosedAfterAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: learner\r\n\r\n")), "an HTTP request left the connection open");
        Assert.True(await IsClosedAfterAsync([0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4]), "an oversized length left the connection open");
        Assert.True(await IsClosedAfterAsync([.. Enumerable.Range(0, 256).Select(i => (byte)(i * 73 + 5))]), "garbage left the connection open");

        // gamma = 0.5 and batch-size = 640 used to be accepted silently: every difference is named.
        using var misfit = A3cProcess.Start(_directory, "node", "--role", "worker", "--seed", Seed, "--config", ConfigFile,
            "--set", "monitoring.enabled=false", "--set", "training.gamma=0.5", "--set", "training.batch-size=640");
        await misfit.WaitForExitAsync();
        Assert.Equal(2, misfit.ExitCode);
        Assert.Contains("does not fit run 'door'", misfit.Error);
        Assert.Contains("training.gamma: the learner's 0.99, this node's 0.5", misfit.Error);
        Assert.Contains("training.batch-size: the learner's 64, this node's 640", misfit.Error);

        // Through all of it the learner kept training with its worker.
        var updates = Progress(learner.Output)!.Updates;
        await learner.WaitForOutputAsync(o => Progress(o)!.Updates > updates + 20, "updates after the refusals");
        Assert.False(worker.HasExited, $"the worker exited:\n{worker.Output}\n{worker.Error}");
    }

    [Fact]
    public async Task A_stopped_worker_is_downed_and_once_continued_joins_again_as_a_new_node_and_trains()
    {
        var learner = StartLearner("--run", "pause");
        await learner.WaitForOutputAsync("cluster: learner node at");
        var worker = StartWorker();
        await worker.WaitForOutputAsync("Working for the learner");
        var address = ListeningAddress(worker);

        Signal(worker, "STOP");
        await learner.WaitForOutputAsync($"worker node at {address} removed");
        Signal(worker, "CONT");

        // Downed while stopped, it leaves and comes back as a new node with a new address, and works again.
        await worker.WaitForOutputAsync(o => Regex.Count(o, "Working for the learner") >= 2, "working again after SIGCONT");
        await learner.WaitForOutputAsync(o => Regex.Count(o, "cluster: worker node up at") == 2, "the continued worker up again");
        var updates = Progress(learner.Output)!.Updates;
        await learner.WaitForOutputAsync(o => Progress(o)!.Updates > updates + 20, "updates from the continued worker");
    }

    [Fact]
    public async Task A_users_own_node_of_another_role_joins_is_given_no_work_and_leaves_without_harm()
    {
        var learner = StartLearner("--run", "watched");
        await learner.WaitForOutputAsync("cluster: learner node at");
        var worker = StartWorker();
        await learner.WaitForOutputAsync(o => Progress(o) is { Updates: > 0 }, "training");

        // A plain Akka.NET node as a user would write one: the same system name, its own role, the learner as seed.
        var monitor = ActorSystem.Create(Actors.Training.Cluster.ClusterNodeSettings.SystemName,
            Actors.Training.Cluster.ClusterNodeConfig.Setup(new Actors.Training.Cluster.ClusterNodeSettings("monitor", "127.0.0.1", 0, [Seed])));
        try
        {
            await learner.WaitForOutputAsync("cluster: monitor node up at");
            // The learner's contract is there for it to read.
            var contract = await monitor.ActorSelection($"akka.tcp://a3c@{Seed}/user/training-contract")
                .Ask<Actors.Training.Cluster.TrainingContract>(new Actors.Training.Cluster.DescribeTraining(), A3cProcess.HangGuard);
            Assert.Equal("watched", contract.RunName);
        }
        finally
        {
            await CoordinatedShutdown.Get(monitor).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }

        await learner.WaitForOutputAsync("cluster: monitor node at");
        var updates = Progress(learner.Output)!.Updates;
        await learner.WaitForOutputAsync(o => Progress(o)!.Updates > updates + 20, "updates after the monitor left");
        Assert.False(worker.HasExited, $"the worker exited:\n{worker.Output}\n{worker.Error}");
        Assert.Equal(1, Regex.Count(worker.Output + worker.Error, "Working for the learner"));
    }

    [Fact]
    public async Task A_second_learner_on_the_learners_port_exits_with_2_saying_the_port_is_taken()
    {
        var learner = StartLearner("--run", "first");
        await learner.WaitForOutputAsync("cluster: learner node at");

        using var second = await A3cProcess.RunAsync(_directory, "node", "--role", "learner", "--config", ConfigFile,
            "--port", _port.ToString(CultureInfo.InvariantCulture), "--set", "remote.tensor-port=0", "--run", "second");

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"127.0.0.1:{_port} (--port / remote.port) is already in use", second.Error);
        Assert.False(learner.HasExited);
    }

    [Fact]
    public async Task A_worker_without_a_seed_or_with_a_bad_one_exits_with_2_and_says_what_is_expected()
    {
        using var noSeed = await A3cProcess.RunAsync(_directory, "node", "--role", "worker", "--config", ConfigFile);
        using var badSeed = await A3cProcess.RunAsync(_directory, "node", "--role", "worker", "--config", ConfigFile, "--seed", "localhost");
        using var badPort = await A3cProcess.RunAsync(_directory, "node", "--role", "learner", "--config", ConfigFile, "--set", "remote.tensor-port=70000");

        Assert.Equal(2, noSeed.ExitCode);
        Assert.Contains("give --seed HOST:PORT", noSeed.Error);
        Assert.Equal(2, badSeed.ExitCode);
        Assert.Contains("--seed 'localhost' is not HOST:PORT", badSeed.Error);
        Assert.Equal(2, badPort.ExitCode);
        Assert.Contains("tensor-port", badPort.Error);
    }

    private A3cProcess StartLearner(params string[] arguments) => Track(A3cProcess.Start(_directory,
        ["node", "--role", "learner", "--config", ConfigFile, "--port", _port.ToString(CultureInfo.InvariantCulture), "--set", "remote.tensor-port=0", .. arguments]));

    private A3cProcess StartWorker() => Track(A3cProcess.Start(_directory,
        "node", "--role", "worker", "--seed", Seed, "--config", ConfigFile, "--set", "monitoring.enabled=false"));

    private static void Signal(A3cProcess process, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private A3cProcess Track(A3cProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private static string ListeningAddress(A3cProcess worker) => ListeningLine().Match(worker.Output).Groups[1].Value;

    private sealed record ProgressLine(long Frames, double MeanReward, long Updates);

    /// <summary>The latest progress line the learner printed, or null before the first.</summary>
    private static ProgressLine? Progress(string output)
    {
        var lines = ProgressPattern().Matches(output);
        if (lines.Count == 0) return null;
        var last = lines[^1].Groups;
        return new ProgressLine(
            long.Parse(last["frames"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
            double.TryParse(last["reward"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var reward) ? reward : double.NaN,
            long.Parse(last["updates"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
    }

    /// <summary>Sends <paramref name="bytes"/> to the learner's cluster port; true when the learner then closes the connection.</summary>
    private async Task<bool> IsClosedAfterAsync(byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes);
        using var hangGuard = new CancellationTokenSource(A3cProcess.HangGuard);
        var buffer = new byte[1024];
        try
        {
            while (await stream.ReadAsync(buffer, hangGuard.Token) > 0) { }
            return true;
        }
        catch (IOException)
        {
            return true; // reset by the peer: closed too
        }
    }

    [GeneratedRegex(@"frames\s+(?<frames>[\d,]+)\s+fps\s+\S+\s+reward\s+(?<reward>\S+)\s+episodes\s+\S+\s+updates\s+(?<updates>[\d,]+)")]
    private static partial Regex ProgressPattern();

    [GeneratedRegex(@"resuming from snapshot \d+: (?<updates>[\d,]+) updates, (?<frames>[\d,]+) frames")]
    private static partial Regex ResumedLine();

    [GeneratedRegex(@"worker node: listening at (\S+)")]
    private static partial Regex ListeningLine();
}
