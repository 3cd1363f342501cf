using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace A3C.Actors.Tests.Akka;

/// <summary>
/// Akka's bounded mailbox has one overflow policy, a push time-out: a Tell into a full mailbox blocks
/// the sending thread up to that time and then sends the message to dead letters. Our runtime's
/// awaitable TellAsync (back-pressure without blocking a thread) has no Akka counterpart, and our
/// DropToDeadLetters policy is Akka's time-out of zero.
/// </summary>
public sealed class MailboxTests() : ActorTestKit(Mailboxes)
{
    private const string Mailboxes = """
        blocking-2 {
          mailbox-type = "Akka.Dispatch.BoundedMailbox"
          mailbox-capacity = 2
          mailbox-push-timeout-time = 60s
        }
        dropping-1 {
          mailbox-type = "Akka.Dispatch.BoundedMailbox"
          mailbox-capacity = 1
          mailbox-push-timeout-time = 0s
        }
        bounded-10 {
          mailbox-type = "Akka.Dispatch.BoundedMailbox"
          mailbox-capacity = 10
          mailbox-push-timeout-time = 0s
        }
        negative-capacity {
          mailbox-type = "Akka.Dispatch.BoundedMailbox"
          mailbox-capacity = -1
          mailbox-push-timeout-time = 0s
        }
        """;

    private sealed record Held(IActorRef Actor, TaskCompletionSource Gate);

    /// <summary>Starts a <see cref="GatedActor"/> (with the named mailbox, if any) and returns once it holds on its gate.</summary>
    private async Task<Held> StartHeld(string? mailbox = null)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var props = Props.Create(() => new GatedActor(TestActor, started, gate.Task));
        var actor = Sys.ActorOf(mailbox is null ? props : props.WithMailbox(mailbox));
        actor.Tell("hold", TestActor);
        await started.Task.WaitAsync(HangGuard);
        return new Held(actor, gate);
    }

    [Fact]
    public async Task A_full_bounded_mailbox_blocks_the_sender_until_there_is_space()
    {
        var (actor, gate) = await StartHeld("blocking-2");
        actor.Tell("one");
        actor.Tell("two");

        var signals = CreateTestProbe();
        var third = Task.Factory.StartNew(() =>
        {
            signals.Tell("sending three");
            actor.Tell("three");
        }, TaskCreationOptions.LongRunning);
        await signals.ExpectMsgAsync("sending three");
        Assert.False(third.IsCompleted); // the mailbox is full and the actor holds: that Tell cannot have returned

        gate.SetResult();
        await third.WaitAsync(HangGuard);
        await ExpectMsgAsync("released");
        await ExpectMsgAsync("replied-after-await");
        await ExpectMsgAsync("one");
        await ExpectMsgAsync("two");
        await ExpectMsgAsync("three");
    }

    [Fact]
    public async Task With_a_zero_push_timeout_the_overflow_goes_to_dead_letters()
    {
        var deadLetters = ProbeFor<DeadLetter>();
        var (actor, gate) = await StartHeld("dropping-1");

        actor.Tell("kept");
        actor.Tell("overflow"); // does not wait

        var letter = await deadLetters.ExpectMsgAsync<DeadLetter>();
        Assert.Equal("overflow", letter.Message);
        Assert.Equal(actor, letter.Recipient);
        gate.SetResult();
        await ExpectMsgAsync("released");
        await ExpectMsgAsync("replied-after-await");
        await ExpectMsgAsync("kept");
        // The gate is open now, so "hold" replies at once; nothing else (no "overflow") came before it.
        actor.Tell("hold", TestActor);
        await ExpectMsgAsync("released");
        await ExpectMsgAsync("replied-after-await");
        await deadLetters.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bounded-10")]
    public async Task The_mailbox_depth_of_a_busy_actor_is_visible(string? mailbox)
    {
        var (actor, gate) = await StartHeld(mailbox);
        for (var i = 0; i < 3; i++) actor.Tell("queued");

        // Akka's public cell API counts what waits in the mailbox (system messages aside).
        Assert.Equal(3, ((ActorRefWithCell)actor).Underlying.NumberOfMessages);
        gate.SetResult();
    }

    [Fact]
    public void A_bounded_mailbox_with_a_negative_capacity_is_refused()
    {
        // Akka refuses it when an actor is created with it, naming the mailbox; the reason is inside.
        // (A capacity of 0, which our runtime refused, means unbounded in Akka.)
        var error = Assert.Throws<ConfigurationException>(() => Sys.ActorOf(Props.Create<CounterActor>().WithMailbox("negative-capacity")));
        Assert.Contains("negative-capacity", error.Message);
        Assert.Contains("capacity for BoundedMailbox cannot be negative", error.GetBaseException().Message);
    }

    [Fact]
    public async Task ReceiveAsync_holds_later_messages_and_keeps_Sender_after_await()
    {
        var (actor, gate) = await StartHeld();
        actor.Tell("later");

        gate.SetResult();
        await ExpectMsgAsync("released");
        await ExpectMsgAsync("replied-after-await"); // Sender was the TestActor, still right after await
        await ExpectMsgAsync("later"); // it waited behind the suspended handler
    }

    /// <summary>Throws after an await; counts the Boom messages its instance has handled; reports its restarts.</summary>
    private sealed class FailsAfterAwait : ReceiveActor
    {
        private readonly IActorRef _probe;
        private int _handled;

        public FailsAfterAwait(IActorRef probe)
        {
            _probe = probe;
            ReceiveAsync<Boom>(async boom =>
            {
                _handled++;
                await Task.Yield();
                throw new InvalidOperationException(boom.Reason);
            });
            Receive<GetCount>(_ => Sender.Tell(_handled, Self));
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell($"restarted:{reason.Message}", Self);
            base.PostRestart(reason);
        }
    }

    [Fact]
    public async Task An_async_handler_that_throws_after_await_restarts_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailsAfterAwait(TestActor)));

        await EventFilter.Exception<InvalidOperationException>(contains: "after await").ExpectOneAsync(Telling(actor, new Boom("after await")));

        await ExpectMsgAsync("restarted:after await");
        Assert.Equal(0, await actor.Ask<int>(new GetCount(), HangGuard)); // a fresh instance
    }
}
