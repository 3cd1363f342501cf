using System.Text.Json;
using A3C.Actors.Cluster;
using A3C.Actors.Remote;
using A3C.Actors.Runtime;
using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Messages;
using A3C.Host.Commands;
using A3C.Host.Monitoring;

namespace A3C.Host.Tests.Monitoring;

/// <summary>
/// A learner-like seed with one joined worker in this process, behind a real monitoring endpoint:
/// what every view (JSON, Prometheus, the CLI table, the dashboard) says about the members.
/// </summary>
public sealed class ClusterMonitoringTests : IAsyncLifetime
{
    private static readonly RemoteSettings Loopback = new() { Secret = "monitoring-test", HeartbeatInterval = TimeSpan.FromMilliseconds(100) };
    private ActorSystem _seedSystem = null!, _workerSystem = null!;
    private Remoting _seedRemoting = null!, _workerRemoting = null!;
    private MonitoringServer _server = null!;
    private ClusterNode _seed = null!, _worker = null!;

    public async Task InitializeAsync()
    {
        var quiet = ActorSystemSettings.Default with { LogToStdErr = false };
        _seedSystem = ActorSystem.Create("a3c", quiet);
        _workerSystem = ActorSystem.Create("a3c", quiet);
        (_seedRemoting, _seed) = await LearnerNode.StartAsync(_seedSystem, Loopback);
        _workerRemoting = await Remoting.StartAsync(_workerSystem, Loopback, TrainingCodecs.Registry());
        _worker = ClusterNode.Join(_workerRemoting, _seedRemoting.Address, "worker", new ClusterSettings(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1)));
        _server = await MonitoringServer.StartAsync(_seedSystem,
            new MonitoringSettings(Enabled: true, Host: "127.0.0.1", Port: 0, HistoryLength: 5, ScalarsDirectory: null), _seed);

        // Joined, and a heartbeat answered, so every column has something to show.
        using var hangGuard = new CancellationTokenSource(MonitoredActorSystem.HangGuard);
        while (_seed.Nodes().SingleOrDefault(n => !n.IsSelf) is not { LastHeartbeat: not null })
            await Task.Delay(20, hangGuard.Token);
        // Frames as the learner credits them: its own process's workers and the worker node's.
        _seedSystem.EventStream.Publish(MonitoredActorSystem.Progress(frames: 5000, meanReward: 30) with
        {
            Nodes = [new NodeContribution(_seedSystem.Address, 1000, 250), new NodeContribution(_worker.SelfAddress, 4000, 1750.5)],
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _workerRemoting.DisposeAsync();
        await _seedRemoting.DisposeAsync();
        await _workerSystem.Terminate();
        await _seedSystem.Terminate();
    }

    [Fact]
    public async Task Api_actors_lists_the_members_with_role_status_heartbeat_traffic_and_frames()
    {
        using var http = new HttpClient { BaseAddress = _server.Url };

        var document = JsonSerializer.Deserialize<JsonElement>(await http.GetStringAsync("/api/actors"));

        var nodes = document.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(2, nodes.Count);
        var self = nodes.Single(n => n.GetProperty("self").GetBoolean());
        Assert.Equal(("learner", 0, "up"), (self.GetProperty("role").GetString(), self.GetProperty("nodeNumber").GetInt32(), self.GetProperty("status").GetString()));
        Assert.Equal(1000, self.GetProperty("frames").GetInt64());
        var worker = nodes.Single(n => !n.GetProperty("self").GetBoolean());
        Assert.Equal(_worker.SelfAddress.ToString(), worker.GetProperty("address").GetString());
        Assert.Equal(("worker", 1, "up"), (worker.GetProperty("role").GetString(), worker.GetProperty("nodeNumber").GetInt32(), worker.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.String, worker.GetProperty("lastHeartbeat").ValueKind);
        Assert.True(worker.GetProperty("bytesSent").GetInt64() > 0);
        Assert.True(worker.GetProperty("bytesReceived").GetInt64() > 0);
        Assert.Equal(1750.5, worker.GetProperty("framesPerSecond").GetDouble());
    }

    [Fact]
    public async Task Metrics_has_a_family_per_member_figure_that_parses_back()
    {
        using var http = new HttpClient { BaseAddress = _server.Url };

        var families = PrometheusText.Parse(await http.GetStringAsync("/metrics"));

        var up = families["a3c_cluster_member_up"].Samples;
        Assert.Equal(2, up.Count);
        Assert.All(up, s => Assert.Equal(1, s.Value));
        var worker = up.Single(s => s.Labels["role"] == "worker");
        Assert.Equal(_worker.SelfAddress.ToString(), worker.Labels["node"]);
        Assert.Equal("1", worker.Labels["node_number"]);
        Assert.Equal(2, families["a3c_cluster_members"].Samples.Single(s => s.Labels["status"] == "up").Value);
        Assert.True(families["a3c_cluster_node_received_bytes_total"].Samples.Single().Value > 0);
        Assert.True(families["a3c_cluster_node_last_heartbeat_seconds"].Samples.Single().Value > 1.7e9);
        Assert.Equal(1750.5, families["a3c_cluster_node_frames_per_second"].Samples.Single(s => s.Labels["role"] == "worker").Value);
    }

    [Fact]
    public async Task A3c_metrics_prints_the_cluster_table_first()
    {
        var output = new StringWriter();
        var console = MetricsCommandTests.PlainConsole(output);
        using var http = new HttpClient { Timeout = MonitoredActorSystem.HangGuard };

        var code = await MetricsCommand.RunAsync(_server.Url.ToString(), http, console, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("cluster (2 of 2 members up)", text);
        var workerRow = text.Split('\n').Single(line => line.Contains(_worker.SelfAddress.ToString()));
        Assert.Contains("worker", workerRow);
        Assert.Contains("up", workerRow);
        Assert.Contains("1,750", workerRow);
        Assert.True(text.IndexOf("cluster (", StringComparison.Ordinal) < text.IndexOf("actors of", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_in_a_browser_shows_the_members()
    {
        HeadlessChromium.Locate();

        var dom = await HeadlessChromium.DumpDomAsync(_server.Url, TimeSpan.FromSeconds(90));

        Assert.Contains($"data-address=\"{_worker.SelfAddress}\"", dom);
        Assert.Contains($"data-address=\"{_seed.SelfAddress}\"", dom);
        Assert.DoesNotContain("<section id=\"cluster\" hidden", dom);
    }
}
