namespace A3C.Host.Tests.Monitoring;

public sealed class MetricsEndpointTests
{
    // Actor series are labelled with the path without address and the run, which defaults to the
    // system's name: other tests' systems in this process publish on the same endpoint families.
    private const string Run = "metrics-test";

    [Fact]
    public async Task Metrics_report_every_actor_once_with_its_processed_count()
    {
        await using var node = await MonitoredActorSystem.StartAsync("metrics-test");
        await node.PingAsync(node.Pinger, 25);
        await node.PingAsync(node.Parent, 3);
        await node.ChildrenStartedAsync();

        var response = await node.Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var families = PrometheusText.Parse(await response.Content.ReadAsStringAsync());

        var processed = families["a3c_actor_messages_processed_total"];
        Assert.Equal("counter", processed.Type);
        var paths = OurRun(processed).Select(s => s.Labels["actor_path"]).ToList();
        Assert.Equal(paths.Distinct().Count(), paths.Count);
        Assert.Contains("/user/parent/left", paths);
        Assert.Contains("/user/parent/right", paths);
        Assert.True(Processed(families, "/user/pinger") >= 25, "the pinger processed every ping");
        Assert.True(Processed(families, "/user/parent") >= 3);
        Assert.Equal(0, Processed(families, "/user/parent/left"));
        Assert.Equal("PingActor", OurRun(processed).Single(s => s.Labels["actor_path"] == "/user/pinger").Labels["actor_type"]);

        foreach (var family in new[] { "a3c_actor_mailbox_depth", "a3c_actor_failures_total", "a3c_actor_restarts_total" })
            Assert.Equal(paths.Order(), OurRun(families[family]).Select(s => s.Labels["actor_path"]).Order());
        Assert.Equal(0, OurRun(families["a3c_actor_failures_total"]).Sum(s => s.Value));
        Assert.Contains(OurRun(families["a3c_actor_system_dead_letters_total"]), s => s.Labels["system"] == Run);
        Assert.Equal("a3c", Assert.Single(families["target_info"].Samples).Labels["service_name"]);
    }

    [Fact]
    public async Task Processing_time_is_a_cumulative_histogram_ending_in_inf()
    {
        await using var node = await MonitoredActorSystem.StartAsync("metrics-test");
        await node.PingAsync(node.Pinger, 5);

        var families = PrometheusText.Parse(await node.Http.GetStringAsync("/metrics"));

        var histogram = families["a3c_actor_processing_time_seconds"];
        Assert.Equal("histogram", histogram.Type);
        var pinger = OurRun(histogram).Where(s => s.Labels["actor_path"] == "/user/pinger").ToList();
        var buckets = pinger.Where(s => s.Name.EndsWith("_bucket")).ToList();
        Assert.Equal("+Inf", buckets[^1].Labels["le"]);
        Assert.True(buckets.Zip(buckets.Skip(1)).All(pair => pair.First.Value <= pair.Second.Value), "bucket counts are cumulative");
        var count = pinger.Single(s => s.Name.EndsWith("_count")).Value;
        Assert.True(count >= 1, "the first message of an actor is always timed");
        Assert.Equal(count, buckets[^1].Value);
        Assert.True(pinger.Single(s => s.Name.EndsWith("_sum")).Value > 0);
    }

    [Fact]
    public async Task Training_scalars_appear_once_progress_is_published()
    {
        await using var node = await MonitoredActorSystem.StartAsync("metrics-test");
        Assert.DoesNotContain(PrometheusText.Parse(await node.Http.GetStringAsync("/metrics")).Keys, name => name.StartsWith("a3c_training_"));

        await node.PublishAsync(MonitoredActorSystem.Progress(frames: 1000, meanReward: 10));
        await node.PublishAsync(MonitoredActorSystem.Progress(frames: 5000, meanReward: 42.5, policyLoss: -0.125));
        var families = PrometheusText.Parse(await node.Http.GetStringAsync("/metrics"));

        Assert.Equal(5000, Single(families, "a3c_training_frames_total", "counter"));
        Assert.Equal(42.5, Single(families, "a3c_training_mean_reward", "gauge"));
        Assert.Equal(1234.5, Single(families, "a3c_training_frames_per_second", "gauge"));
        Assert.Equal(-0.125, Single(families, "a3c_training_policy_loss", "gauge"));
        Assert.Equal(0.75, Single(families, "a3c_training_gradient_l2", "gauge"));
        Assert.Equal(2, Single(families, "a3c_training_worker_restarts_total", "counter"));
        Assert.Equal(180.5, Single(families, "a3c_training_mean_episode_length", "gauge"));
        Assert.Equal(0.0007, Single(families, "a3c_training_learning_rate", "gauge"));
    }

    [Fact]
    public async Task Process_metrics_are_present_and_plausible()
    {
        await using var node = await MonitoredActorSystem.StartAsync("metrics-test");

        var families = PrometheusText.Parse(await node.Http.GetStringAsync("/metrics"));

        Assert.True(Single(families, "process_resident_memory_bytes", "gauge") > 1 << 20);
        Assert.True(Single(families, "dotnet_gc_heap_bytes", "gauge") > 0);
        Assert.True(Single(families, "process_cpu_seconds_total", "counter") > 0);
        Assert.True(Single(families, "process_threads", "gauge") >= 1);
        Assert.True(Single(families, "process_uptime_seconds", "gauge") > 0);
        Assert.Equal(3, families["dotnet_gc_collections_total"].Samples.Count);
    }

    private static double Processed(IReadOnlyDictionary<string, PrometheusFamily> families, string path) =>
        OurRun(families["a3c_actor_messages_processed_total"]).Single(s => s.Labels["actor_path"] == path).Value;

    private static IEnumerable<PrometheusSample> OurRun(PrometheusFamily family) =>
        family.Samples.Where(s => s.Labels.GetValueOrDefault("run") == Run);

    private static double Single(IReadOnlyDictionary<string, PrometheusFamily> families, string name, string type)
    {
        Assert.True(families.ContainsKey(name), $"no family {name}");
        Assert.Equal(type, families[name].Type);
        return Assert.Single(families[name].Samples).Value;
    }
}
