using System.Net;
using System.Text.Json;

namespace A3C.Host.Tests.Monitoring;

public sealed class JsonApiTests
{
    [Fact]
    public async Task Actors_lists_the_running_tree_with_parents_depths_and_counts()
    {
        await using var node = await MonitoredActorSystem.StartAsync("api-test");
        await node.PingAsync(node.Pinger, 4);
        await node.ChildrenStartedAsync();

        using var json = JsonDocument.Parse(await node.Http.GetStringAsync("/api/actors"));

        var root = json.RootElement;
        Assert.Equal("a3c", root.GetProperty("service").GetString());
        Assert.Equal("api-test", root.GetProperty("system").GetString());
        var actors = root.GetProperty("actors").EnumerateArray().ToDictionary(a => a.GetProperty("path").GetString()!);
        var left = actors["akka://api-test/user/parent/left"];
        Assert.Equal("akka://api-test/user/parent", left.GetProperty("parent").GetString());
        Assert.Equal(3, left.GetProperty("depth").GetInt32());
        Assert.Equal("PingActor", left.GetProperty("type").GetString());
        Assert.Equal(
            ["akka://api-test/user/parent/left", "akka://api-test/user/parent/right"],
            actors["akka://api-test/user/parent"].GetProperty("children").EnumerateArray().Select(c => c.GetString()!).Order());
        var pinger = actors["akka://api-test/user/pinger"];
        Assert.True(pinger.GetProperty("processed").GetInt64() >= 4);
        Assert.Equal(0, pinger.GetProperty("mailbox").GetInt32());
        Assert.Equal(0, pinger.GetProperty("restarts").GetInt64());
        Assert.Equal(0, pinger.GetProperty("failures").GetInt64());
        Assert.True(pinger.GetProperty("processingTime").GetProperty("sampled").GetInt64() >= 1);
    }

    [Fact]
    public async Task Training_keeps_only_the_last_records_oldest_first()
    {
        await using var node = await MonitoredActorSystem.StartAsync("api-test");
        for (var i = 1; i <= 8; i++) await node.PublishAsync(MonitoredActorSystem.Progress(frames: i * 1000, meanReward: i));

        using var json = JsonDocument.Parse(await node.Http.GetStringAsync("/api/training"));

        var history = json.RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(5, json.RootElement.GetProperty("capacity").GetInt32());
        Assert.Equal([4000.0, 5000, 6000, 7000, 8000], history.Select(h => h.GetProperty("frames").GetDouble()));
        Assert.Equal(8, history[^1].GetProperty("mean_reward").GetDouble());
        Assert.Equal(0.69, history[^1].GetProperty("entropy").GetDouble());
        Assert.Equal(180.5, history[^1].GetProperty("mean_episode_length").GetDouble());
        Assert.Equal(0.0007, history[^1].GetProperty("learning_rate").GetDouble());
    }

    [Fact]
    public async Task Figures_that_are_not_finite_or_absent_are_null()
    {
        await using var node = await MonitoredActorSystem.StartAsync("api-test");
        await node.PublishAsync(MonitoredActorSystem.Progress(frames: 10, meanReward: double.NaN) with { Last = null });

        using var json = JsonDocument.Parse(await node.Http.GetStringAsync("/api/training"));

        var record = Assert.Single(json.RootElement.GetProperty("history").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("mean_reward").ValueKind);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("policy_loss").ValueKind);
        Assert.Equal(10, record.GetProperty("frames").GetDouble());
    }

    [Fact]
    public async Task Health_answers_ok_and_unknown_routes_are_not_found()
    {
        await using var node = await MonitoredActorSystem.StartAsync("api-test");

        using var json = JsonDocument.Parse(await node.Http.GetStringAsync("/health"));
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.GetAsync("/nothing-here")).StatusCode);
    }

    [Fact]
    public async Task Port_zero_binds_a_free_loopback_port()
    {
        await using var node = await MonitoredActorSystem.StartAsync("api-test");

        Assert.Equal("127.0.0.1", node.Server.Url.Host);
        Assert.NotEqual(0, node.Server.Url.Port);
    }

    [Fact]
    public async Task A_port_in_use_fails_to_start_with_an_io_error()
    {
        await using var node = await MonitoredActorSystem.StartAsync("api-test");
        var taken = new A3C.Host.Monitoring.MonitoringSettings(true, "127.0.0.1", node.Server.Url.Port, 5, null);

        await Assert.ThrowsAnyAsync<IOException>(() => A3C.Host.Monitoring.MonitoringServer.StartAsync(node.System, taken));
    }
}
