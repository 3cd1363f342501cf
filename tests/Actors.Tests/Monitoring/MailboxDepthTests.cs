using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

public sealed class MailboxDepthTests : ActorMetricsTestKit
{
    [Fact]
    public async Task Depth_is_the_number_of_messages_queued_behind_a_held_actor()
    {
        const int queued = 25;
        var gated = Sys.ActorOf(Props.Create<GatedActor>(), "gated");
        using var reader = new MeterReader(Metrics.Meter);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        gated.Tell(new Hold(entered, gate.Task));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, Figures("/user/gated").MailboxDepth);

        for (var i = 0; i < queued; i++) gated.Tell(new Work(i));

        // Tell enqueues before it returns, and the held actor takes nothing out.
        Assert.Equal(queued, Figures("/user/gated").MailboxDepth);
        Assert.Equal(queued, reader.Observe(ActorMetricNames.MailboxDepth, "/user/gated"));

        gate.SetResult();
        gated.Tell(new Ping(), TestActor);
        ExpectMsg<Pong>();
        Assert.Equal(0, Figures("/user/gated").MailboxDepth);
        Assert.Equal(queued + 2, Figures("/user/gated").Processed);
    }
}
