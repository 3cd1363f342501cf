using System.Diagnostics.Metrics;
using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Metrics;

namespace A3C.Actors.Tests.Runtime;

public sealed class MetricsTests : ActorTestBase
{
    [Fact]
    public async Task Snapshot_counts_messages_failures_and_restarts_and_shows_the_tree()
    {
        var probe = CreateProbe();
        Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<CounterActor>(), probe, "child")), "parent");
        var child = await probe.ExpectMsgAsync<IActorRef>();
        for (var i = 0; i < 100; i++) child.Tell(new Add(1), null);
        child.Tell(new Boom(), null);
        await child.Ask<int>(new GetCount(), TestProbe.DefaultTimeout);
        await child.Ask<int>(new GetCount(), TestProbe.DefaultTimeout); // the first ask is now counted too

        var snapshot = Sys.Metrics.Snapshot();
        var stats = snapshot.Find("/user/parent/child")!;
        Assert.Equal(nameof(CounterActor), stats.ActorType);
        Assert.InRange(stats.Processed, 101, 103); // 100 adds + the first ask (+ the boom, + the second ask: counted after replying)
        Assert.Equal(1, stats.Failures);
        Assert.Equal(1, stats.Restarts);
        Assert.Equal(0, stats.MailboxDepth);
        Assert.Equal(stats.ProcessingTime.Count, stats.ProcessingTime.Buckets.Sum(b => b.Count));
        Assert.InRange(stats.ProcessingTime.Count, stats.Processed / 64, stats.Processed / 64 + 1); // one in 64 is timed
        Assert.True(stats.ProcessingTime.MaxMicroseconds >= stats.ProcessingTime.MeanMicroseconds);
        Assert.Equal("a3c://test/user/parent", stats.ParentPath);
        Assert.True(stats.ProcessingTime.P99Microseconds >= stats.ProcessingTime.P50Microseconds);
        Assert.Contains("a3c://test/user/parent/child", snapshot.Find("/user/parent")!.Children);
        Assert.Contains(snapshot.Actors, a => a.Path == "a3c://test/user");
    }

    [Fact]
    public async Task The_meter_publishes_per_actor_counters_tagged_with_the_path()
    {
        var actor = Sys.ActorOf(Props.Create<CounterActor>(), "metered");
        actor.Tell(new Add(1), null);
        await actor.Ask<int>(new GetCount(), TestProbe.DefaultTimeout);
        await actor.Ask<int>(new GetCount(), TestProbe.DefaultTimeout);

        var processed = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ActorSystemMetrics.MeterName && instrument.Name == "a3c.actor.messages_processed") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == ActorSystemMetrics.PathTag) processed[(string)tag.Value!] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.True(processed.TryGetValue("a3c://test/user/metered", out var count));
        Assert.InRange(count, 2, 3);
    }

    [Fact]
    public async Task Metrics_can_be_switched_off()
    {
        var system = ActorSystem.Create("quiet", ActorSystemSettings.Default with { MetricsEnabled = false, LogToStdErr = false });
        try
        {
            var actor = system.ActorOf(Props.Create<CounterActor>(), "a");
            await actor.Ask<int>(new GetCount(), TestProbe.DefaultTimeout);
            var snapshot = system.Metrics.Snapshot();
            Assert.False(snapshot.MetricsEnabled);
            Assert.Equal(0, snapshot.Find("/user/a")!.Processed); // the tree is still there
        }
        finally
        {
            await system.Terminate().WaitAsync(TestProbe.DefaultTimeout);
        }
    }
}
