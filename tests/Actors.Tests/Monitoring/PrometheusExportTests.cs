using A3C.Actors.Monitoring;
using Akka.Actor;
using Akka.Actor.Setup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace A3C.Actors.Tests.Monitoring;

public sealed class PrometheusExportTests : ActorMetricsTestKit, IAsyncLifetime
{
    private readonly OpenTelemetry.Metrics.MeterProvider _meterProvider = ActorMetricsExport.CreatePrometheusMeterProvider();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        _app = builder.Build();
        _app.UseActorMetricsEndpoint(_meterProvider);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _meterProvider.Dispose();
    }

    [Fact]
    public async Task The_metrics_text_has_each_actor_series_with_run_environment_and_mode_labels()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "scraped");
        for (var i = 0; i < 4; i++) echo.Tell(new Work(i));
        echo.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();

        var lines = await ScrapeOurRun();

        Assert.Contains(OurRun(await Scrape()), l => l.StartsWith("a3c_actor_system_dead_letters_total{", StringComparison.Ordinal)
                                                     && l.Contains($"system=\"{Sys.Name}\""));
        Assert.Equal(5, Value(lines, "a3c_actor_messages_processed_total"));
        Assert.Equal(0, Value(lines, "a3c_actor_failures_total"));
        Assert.Equal(0, Value(lines, "a3c_actor_restarts_total"));
        Assert.Equal(0, Value(lines, "a3c_actor_mailbox_depth"));
        // The first message is always timed: the histogram has a count.
        Assert.True(Value(lines, "a3c_actor_processing_time_seconds_count") >= 1);
        // The buckets are the ones the histogram advises (1 µs to 4 s), not OpenTelemetry's default milliseconds.
        var bounds = lines.Where(l => l.StartsWith("a3c_actor_processing_time_seconds_bucket{", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("le=\"", StringComparison.Ordinal) + 4)..l.LastIndexOf('"')]).ToList();
        Assert.Equal(["1E-06", "4E-06", "1.6E-05", "6.4E-05", "0.000256", "0.001", "0.004", "0.016", "0.064", "0.25", "1", "4", "+Inf"], bounds);
        Assert.All(lines, line =>
        {
            Assert.Contains("actor_path=\"/user/scraped\"", line);
            Assert.Contains("actor_type=\"EchoActor\"", line);
            Assert.Contains($"environment=\"{Environment}\"", line);
            Assert.Contains($"mode=\"{Mode}\"", line);
        });
    }

    // Counts and depth are observed from live actors only; the histogram is recorded as it goes,
    // and OpenTelemetry's cumulative aggregation keeps its series until the process ends.
    [Fact]
    public async Task A_stopped_actor_leaves_the_metrics_text_but_for_its_processing_time_histogram()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "stopping");
        echo.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();
        Assert.Contains(await ScrapeOurRun(), l => l.StartsWith("a3c_actor_messages_processed_total{", StringComparison.Ordinal));

        Watch(echo);
        echo.Tell(PoisonPill.Instance);
        ExpectTerminated(echo);
        var lines = await ScrapeOurRun();

        Assert.DoesNotContain(lines, l => !l.StartsWith("a3c_actor_processing_time_seconds", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("a3c_actor_processing_time_seconds_count{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_actor_systems_in_one_process_share_the_families_and_one_terminating_leaves_the_other_published()
    {
        var otherRun = $"other-{Guid.NewGuid():N}";
        var other = ActorSystem.Create("other", ActorSystemSetup.Create(BootstrapSetup.Create(),
            new ActorMetricsSetup(new ActorMetricsLabels(otherRun, Environment, Mode))));
        var ours = Sys.ActorOf(Props.Create<EchoActor>(), "ours");
        var theirs = other.ActorOf(Props.Create<EchoActor>(), "theirs");
        ours.Tell(new Ping(), TestActor);
        theirs.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();
        ExpectMsg<Pong>();

        var lines = (await Scrape()).Split('\n');
        var ourLine = Array.FindIndex(lines, l => l.StartsWith("a3c_actor_messages_processed_total{", StringComparison.Ordinal)
                                                  && l.Contains($"run=\"{Run}\"") && l.Contains("actor_path=\"/user/ours\""));
        var theirLine = Array.FindIndex(lines, l => l.StartsWith("a3c_actor_messages_processed_total{", StringComparison.Ordinal)
                                                    && l.Contains($"run=\"{otherRun}\"") && l.Contains("actor_path=\"/user/theirs\""));
        Assert.True(ourLine >= 0 && theirLine >= 0);
        // One family: no other family starts between the two systems' samples.
        Assert.DoesNotContain(lines[Math.Min(ourLine, theirLine)..Math.Max(ourLine, theirLine)], l => l.StartsWith("# TYPE", StringComparison.Ordinal));

        await other.Terminate();

        // Scraped more than once: a stream ended by the other system would still show in the first.
        for (var scrape = 0; scrape < 3; scrape++)
        {
            var after = await Scrape();
            Assert.Contains(Processed(after), l => l.Contains($"run=\"{Run}\"") && l.Contains("actor_path=\"/user/ours\""));
            Assert.DoesNotContain(Processed(after), l => l.Contains($"run=\"{otherRun}\""));
        }
    }

    private static IEnumerable<string> Processed(string text) =>
        text.Split('\n').Where(l => l.StartsWith("a3c_actor_messages_processed_total{", StringComparison.Ordinal));

    private Task<string> Scrape() => _app!.GetTestClient().GetStringAsync("/metrics");

    /// <summary>The per-actor sample lines of this test's run: other tests' systems publish on the same meter name.</summary>
    private async Task<List<string>> ScrapeOurRun() => OurRun(await Scrape()).Where(l => l.Contains("actor_path=")).ToList();

    private IEnumerable<string> OurRun(string text) =>
        text.Split('\n').Where(l => l.StartsWith("a3c_actor", StringComparison.Ordinal) && l.Contains($"run=\"{Run}\""));

    private static double Value(List<string> lines, string name)
    {
        var line = Assert.Single(lines, l => l.StartsWith(name + "{", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
