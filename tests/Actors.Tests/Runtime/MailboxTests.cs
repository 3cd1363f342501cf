using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

public sealed class MailboxTests : ActorTestBase
{
    private (IActorRef Actor, TestProbe Probe, TaskCompletionSource Gate) StartHeld(MailboxSettings mailbox, out Task started)
    {
        var probe = CreateProbe();
        var startedSource = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(probe, startedSource, gate.Task)).WithMailbox(mailbox));
        actor.Tell("hold", probe);
        started = startedSource.Task;
        return (actor, probe, gate);
    }

    [Fact]
    public async Task Bounded_backpressure_makes_TellAsync_wait_for_space()
    {
        var (actor, probe, gate) = StartHeld(MailboxSettings.Bounded(2), out var started);
        await started.WaitAsync(TestProbe.DefaultTimeout);

        await actor.TellAsync("one");
        await actor.TellAsync("two");
        var third = actor.TellAsync("three").AsTask();
        Assert.False(third.IsCompleted); // the mailbox is full and the actor holds

        gate.SetResult();
        await third.WaitAsync(TestProbe.DefaultTimeout);
        await probe.ExpectMsgAsync("released");
        await probe.ExpectMsgAsync("replied-after-await");
        await probe.ExpectMsgAsync("one");
        await probe.ExpectMsgAsync("two");
        await probe.ExpectMsgAsync("three");
    }

    [Fact]
    public async Task Bounded_drop_sends_the_overflow_to_dead_letters()
    {
        var dropped = new TaskCompletionSource<DeadLetter>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Sys.EventStream.Subscribe<DeadLetter>(d => dropped.TrySetResult(d));
        var (actor, probe, gate) = StartHeld(MailboxSettings.Bounded(1, MailboxOverflow.DropToDeadLetters), out var started);
        await started.WaitAsync(TestProbe.DefaultTimeout);

        actor.Tell("kept", null);
        await actor.TellAsync("overflow"); // does not wait in drop mode

        var letter = await dropped.Task.WaitAsync(TestProbe.DefaultTimeout);
        Assert.Equal("overflow", letter.Message);
        Assert.Equal(actor, letter.Recipient);
        gate.SetResult();
        await probe.ExpectMsgAsync("released");
        await probe.ExpectMsgAsync("replied-after-await");
        await probe.ExpectMsgAsync("kept");
        await actor.Ask<string>("hold", TestProbe.DefaultTimeout); // gate already open: replies at once
        await probe.ExpectMsgAsync("released");
        probe.ExpectEmpty();
        Assert.Equal(1, Sys.Metrics.Snapshot().Find(actor.Path.ToStringWithoutAddress())!.DeadLetters);
    }

    [Fact]
    public async Task Snapshot_reports_the_mailbox_depth_of_a_busy_actor()
    {
        foreach (var mailbox in new[] { MailboxSettings.Unbounded, MailboxSettings.Bounded(10) })
        {
            var (actor, _, gate) = StartHeld(mailbox, out var started);
            await started.WaitAsync(TestProbe.DefaultTimeout);
            for (var i = 0; i < 3; i++) actor.Tell("queued", null);

            Assert.Equal(3, Sys.Metrics.Snapshot().Find(actor.Path.ToStringWithoutAddress())!.MailboxDepth);
            gate.SetResult();
        }
    }

    [Fact]
    public void Bounded_mailbox_rejects_a_non_positive_capacity()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MailboxSettings.Bounded(0));
        Assert.Contains("capacity", error.Message);
    }

    [Fact]
    public async Task ReceiveAsync_holds_later_messages_and_keeps_Sender_after_await()
    {
        var (actor, probe, gate) = StartHeld(MailboxSettings.Unbounded, out var started);
        await started.WaitAsync(TestProbe.DefaultTimeout);
        actor.Tell("later", null);
        await Task.Yield();
        probe.ExpectEmpty(); // "later" waits behind the suspended handler

        gate.SetResult();
        await probe.ExpectMsgAsync("released");
        await probe.ExpectMsgAsync("replied-after-await"); // Sender was the probe, still valid after await
        await probe.ExpectMsgAsync("later");
    }

    private sealed class FailsAfterAwait : ReceiveActor
    {
        private int _handled;

        public FailsAfterAwait()
        {
            ReceiveAsync<Boom>(async boom =>
            {
                _handled++;
                await Task.Yield();
                throw new InvalidOperationException(boom.Reason);
            });
            Receive<GetCount>(_ => Sender.Tell(_handled, Self));
        }
    }

    [Fact]
    public async Task An_async_handler_that_throws_after_await_restarts_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<FailsAfterAwait>(), "async-fails");
        actor.Tell(new Boom(), null);
        Assert.Equal(0, await actor.Ask<int>(new GetCount(), TestProbe.DefaultTimeout));
        Assert.Equal(1, Sys.Metrics.Snapshot().Find("/user/async-fails")!.Restarts);
    }
}
