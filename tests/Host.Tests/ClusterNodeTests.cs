using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using A3C.Actors.Persistence;

namespace A3C.Host.Tests;

/// <summary>
/// <c>a3c node</c> as users run a cluster: a learner node and worker nodes as separate processes on
/// loopback, killed and restarted as machines are. Heartbeats are faster than the defaults so a
/// killed node is noticed in seconds; every wait is a hang guard, never a timing check.
/// </summary>
public sealed partial class ClusterNodeTests : IAsyncLifetime
{
    private const string Secret = "cluster-test-secret";
    private static readonly Dictionary<string, string> WithSecret = new() { ["A3C_CLUSTER_SECRET"] = Secret };

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
            a3c.remote.failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 2s }
            a3c.cluster.retry-interval { min = 100ms, max = 1s }
            """);
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes) process.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Workers_split_the_work_a_killed_worker_is_removed_and_rejoins_and_a_killed_learner_resumes_with_its_workers()
    {
        var learner = StartLearner("--run", "cluster");
        await learner.WaitForOutputAsync("cluster: learner node at");
        var first = StartWorker();
        var second = StartWorker();
        await learner.WaitForOutputAsync(o => o.Contains("node 1 (worker) joined") && o.Contains("node 2 (worker) joined"), "two workers joining");

        // The reward climbs clearly above a random policy's (about 22) with the work on the worker nodes.
        await learner.WaitForOutputAsync(o => Progress(o) is { MeanReward: > 60 }, "a mean reward above 60");
        // Both worker nodes are credited with frames (the figures refresh with each progress record).
        var workers = await WaitForNodesAsync(learner, nodes =>
            nodes.Count(n => n.GetProperty("role").GetString() == "worker" && n.GetProperty("frames").ValueKind == JsonValueKind.Number) == 2);
        Assert.All(workers.Where(n => n.GetProperty("role").GetString() == "worker"), w =>
        {
            Assert.Equal("up", w.GetProperty("status").GetString());
            Assert.True(w.GetProperty("frames").GetInt64() > 0, $"no frames from {w}");
            Assert.True(w.GetProperty("bytesReceived").GetInt64() > 0, $"no bytes from {w}");
        });
        Assert.Equal(3, workers.Count);

        // SIGKILL a worker: the learner removes it as unreachable and goes on training with the other.
        var killedAddress = ListeningAddress(first);
        first.Kill();
        await learner.WaitForOutputAsync($"at {killedAddress} removed: unreachable");
        var updatesAtRemoval = Progress(learner.Output)!.Updates;
        await learner.WaitForOutputAsync(o => Progress(o)!.Updates > updatesAtRemoval + 50, "updates after the worker was removed");
        Assert.Contains(await NodesAsync(learner), n => n.GetProperty("address").GetString() == killedAddress
            && n.GetProperty("status").GetString() == "unreachable");

        // Restarted, it joins again and gets the current weights.
        var restarted = StartWorker();
        await learner.WaitForOutputAsync("node 3 (worker) joined");
        await restarted.WaitForOutputAsync("Working for the learner");

        // SIGKILL the learner after a snapshot; resumed, it continues from that snapshot and both workers come back.
        await using var store = CheckpointStores.Open(new PersistenceOptions(PersistenceProvider.Sqlite, RunsDirectory));
        while ((await store.Snapshots.ListAsync("cluster")).Count == 0) await Task.Delay(100);
        learner.Kill();
        var snapshot = (await store.Snapshots.LoadLatestValidAsync("cluster")).Snapshot!;
        var resumed = StartLearner("--resume", "cluster");
        await resumed.WaitForOutputAsync($"resuming from snapshot {snapshot.SequenceNr}:");
        await resumed.WaitForOutputAsync(o => o.Contains("node 1 (worker) joined") && o.Contains("node 2 (worker) joined"), "both workers rejoining");
        await resumed.WaitForOutputAsync(o => Progress(o) is { } p && p.Updates > snapshot.Counters.Updates + 20, "updates after resuming");
        Assert.True(Progress(resumed.Output)!.Frames > snapshot.Counters.Frames);
        foreach (var worker in new[] { second, restarted })
        {
            Assert.False(worker.HasExited, $"a worker exited:\n{worker.Output}\n{worker.Error}");
            await worker.WaitForOutputAsync(o => Regex.Count(o, "Working for the learner") >= 2, "working for the resumed learner");
        }
    }

    [Fact]
    public async Task Garbage_oversized_frames_wrong_versions_wrong_secrets_and_misfit_recipes_are_refused_while_training_goes_on()
    {
        var learner = StartLearner("--run", "door");
        await learner.WaitForOutputAsync("cluster: learner node at");
        var worker = StartWorker();
        await learner.WaitForOutputAsync(o => Progress(o) is { Updates: > 0 }, "training");

        Assert.True(await IsClosedAfterAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: learner\r\n\r\n")), "garbage left the connection open");
        Assert.True(await IsClosedAfterAsync(Frame(length: 1 << 30, kind: 1)), "an oversized frame left the connection open");
        var refusal = await HandshakeReplyAsync(Frame(length: 4, kind: 1, payload: BitConverter.GetBytes(99)));
        Assert.Contains("protocol version 99 is not supported", refusal);

        using (var intruder = A3cProcess.Start(_directory, new Dictionary<string, string> { ["A3C_CLUSTER_SECRET"] = "wrong" },
                   "node", "--role", "worker", "--seed", Seed, "--config", ConfigFile, "--set", "monitoring.enabled=false"))
        {
            await intruder.WaitForOutputAsync("wrong shared secret");
            await learner.WaitForOutputAsync("presented a wrong shared secret");
        }
        Assert.DoesNotContain(Secret, learner.Output + learner.Error);

        using var misfit = A3cProcess.Start(_directory, WithSecret,
            "node", "--role", "worker", "--seed", Seed, "--config", ConfigFile, "--set", "monitoring.enabled=false", "--set", "training.hidden=32");
        await misfit.WaitForExitAsync();
        Assert.Equal(2, misfit.ExitCode);
        Assert.Contains("training.hidden = 32", misfit.Error);

        // Through all of it the learner kept training with its worker.
        var updates = Progress(learner.Output)!.Updates;
        await learner.WaitForOutputAsync(o => Progress(o)!.Updates > updates + 20, "updates after the refusals");
        Assert.False(worker.HasExited);
        Assert.Contains(await NodesAsync(learner), n => n.GetProperty("role").GetString() == "worker" && n.GetProperty("status").GetString() == "up");
    }

    [Fact]
    public async Task A_worker_without_a_seed_or_with_a_bad_one_exits_with_2_and_says_what_is_expected()
    {
        using var noSeed = await A3cProcess.RunAsync(_directory, "node", "--role", "worker", "--config", ConfigFile);
        using var badSeed = await A3cProcess.RunAsync(_directory, "node", "--role", "worker", "--config", ConfigFile, "--seed", "localhost");
        using var noSecret = await A3cProcess.RunAsync(_directory, "node", "--role", "learner", "--config", ConfigFile);

        Assert.Equal(2, noSeed.ExitCode);
        Assert.Contains("give --seed HOST:PORT", noSeed.Error);
        Assert.Equal(2, badSeed.ExitCode);
        Assert.Contains("--seed 'localhost' is not HOST:PORT", badSeed.Error);
        Assert.Equal(2, noSecret.ExitCode);
        Assert.Contains("A3C_CLUSTER_SECRET", noSecret.Error);
    }

    private A3cProcess StartLearner(params string[] arguments) => Track(A3cProcess.Start(_directory, WithSecret,
        ["node", "--role", "learner", "--config", ConfigFile, "--port", _port.ToString(CultureInfo.InvariantCulture), .. arguments]));

    private A3cProcess StartWorker() => Track(A3cProcess.Start(_directory, WithSecret,
        "node", "--role", "worker", "--seed", Seed, "--config", ConfigFile, "--set", "monitoring.enabled=false"));

    private A3cProcess Track(A3cProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private static string ListeningAddress(A3cProcess worker) => ListeningLine().Match(worker.Output).Groups[1].Value;

    /// <summary>The cluster's members from the learner's /api/actors.</summary>
    private static async Task<List<JsonElement>> NodesAsync(A3cProcess learner)
    {
        var url = MonitoringLine().Match(learner.Output).Groups[1].Value;
        using var http = new HttpClient();
        var document = JsonSerializer.Deserialize<JsonElement>(await http.GetStringAsync(new Uri(new Uri(url), "api/actors")));
        return [.. document.GetProperty("nodes").EnumerateArray()];
    }

    /// <summary>Polls /api/actors until the members satisfy <paramref name="condition"/> (a hang guard, not a timing check).</summary>
    private static async Task<List<JsonElement>> WaitForNodesAsync(A3cProcess learner, Func<List<JsonElement>, bool> condition)
    {
        var deadline = DateTime.UtcNow + A3cProcess.HangGuard;
        while (true)
        {
            var nodes = await NodesAsync(learner);
            if (condition(nodes)) return nodes;
            Assert.True(DateTime.UtcNow < deadline, $"members never as expected: {string.Join(", ", nodes)}");
            await Task.Delay(200);
        }
    }

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

    private static byte[] Frame(int length, byte kind, byte[]? payload = null)
    {
        var frame = new byte[8 + (payload?.Length ?? 0)];
        BinaryPrimitives.WriteInt32LittleEndian(frame, length);
        frame[4] = kind;
        payload?.CopyTo(frame, 8);
        return frame;
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

    /// <summary>Sends a handshake frame and returns the text of the learner's reply.</summary>
    private async Task<string> HandshakeReplyAsync(byte[] hello)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        await stream.WriteAsync(hello);
        using var hangGuard = new CancellationTokenSource(A3cProcess.HangGuard);
        using var reply = new MemoryStream();
        await stream.CopyToAsync(reply, hangGuard.Token);
        return Encoding.UTF8.GetString(reply.ToArray());
    }

    [GeneratedRegex(@"frames\s+(?<frames>[\d,]+)\s+fps\s+\S+\s+reward\s+(?<reward>\S+)\s+episodes\s+\S+\s+updates\s+(?<updates>[\d,]+)")]
    private static partial Regex ProgressPattern();

    [GeneratedRegex(@"worker node: listening at (\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"monitoring: (http://\S+) \(dashboard\)")]
    private static partial Regex MonitoringLine();
}
