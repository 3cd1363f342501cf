using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Tests.Akka;

/// <summary>
/// Timers on the virtual clock: a timer fires exactly when the test moves the clock to it. After each
/// move the test sends "sync" through the ticker; the ticker answers in the same queue as its timer
/// messages, so a message that the clock released shows up before the "sync" reply or not at all.
/// </summary>
public sealed class TimerTests() : ActorTestKit(VirtualTime)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    private sealed record Tick;

    /// <summary>Handles in its held turn: arm key "k" with "first", wait for the gate, then re-arm "k" with "second".</summary>
    private sealed record RearmWhileHeld(Task Gate);

    /// <summary>Starts, replaces and cancels timers on request; reports what they deliver to the probe, and acknowledges to the sender.</summary>
    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public Ticker(IActorRef probe)
        {
            Receive<string>(s => s == "periodic", _ => { Timers.StartPeriodicTimer("tick", new Tick(), Interval); Sender.Tell("armed", Self); });
            Receive<string>(s => s == "single", _ => { Timers.StartSingleTimer("once", "fired", Interval); Sender.Tell("armed", Self); });
            Receive<string>(s => s == "single-later", _ => { Timers.StartSingleTimer("once", "fired-later", Interval * 2); Sender.Tell("armed", Self); });
            Receive<string>(s => s == "cancel", _ => { Timers.Cancel("tick"); Sender.Tell("cancelled", Self); });
            Receive<string>(s => s == "active?", _ => Sender.Tell(Timers.IsTimerActive("tick") || Timers.IsTimerActive("once"), Self));
            Receive<string>(s => s == "sync", s => Sender.Tell(s, Self));
            Receive<string>(s => probe.Tell(s, Self)); // what single timers deliver
            Receive<Tick>(t => probe.Tell(t, Self));
            Receive<Boom>(b => throw new InvalidOperationException(b.Reason));
            ReceiveAsync<RearmWhileHeld>(async held =>
            {
                Timers.StartSingleTimer("k", "first", Interval);
                probe.Tell("holding", Self);
                await held.Gate;
                Timers.StartSingleTimer("k", "second", Interval);
                probe.Tell("rearmed", Self);
            });
        }
    }

    private IActorRef StartTicker() => Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));

    /// <summary>Moves the clock, then proves that the ticker has handled whatever that released.</summary>
    private async Task AdvanceAndSync(IActorRef ticker, TimeSpan by)
    {
        Clock.Advance(by);
        ticker.Tell("sync", TestActor);
        await ExpectMsgAsync("sync");
    }

    private async Task ArmAsync(IActorRef ticker, string command)
    {
        ticker.Tell(command, TestActor);
        await ExpectMsgAsync("armed");
    }

    private async Task<bool> HasActiveTimerAsync(IActorRef ticker)
    {
        ticker.Tell("active?", TestActor);
        return await ExpectMsgAsync<bool>();
    }

    [Fact]
    public async Task A_single_timer_fires_once_when_due()
    {
        var ticker = StartTicker();
        await ArmAsync(ticker, "single");

        await AdvanceAndSync(ticker, Interval - OneTick); // not yet
        Clock.Advance(OneTick);
        await ExpectMsgAsync("fired");
        await AdvanceAndSync(ticker, Interval * 10); // and never again
        Assert.False(await HasActiveTimerAsync(ticker));
    }

    [Fact]
    public async Task A_periodic_timer_fires_once_per_interval()
    {
        var ticker = StartTicker();
        await ArmAsync(ticker, "periodic");

        for (var i = 0; i < 3; i++)
        {
            await AdvanceAndSync(ticker, Interval - OneTick); // no tick early
            Clock.Advance(OneTick);
            await ExpectMsgAsync<Tick>();
        }
        Assert.True(await HasActiveTimerAsync(ticker));
    }

    [Fact]
    public async Task A_cancelled_timer_fires_no_more()
    {
        var ticker = StartTicker();
        await ArmAsync(ticker, "periodic");
        Clock.Advance(Interval);
        await ExpectMsgAsync<Tick>();

        ticker.Tell("cancel", TestActor);
        await ExpectMsgAsync("cancelled");

        await AdvanceAndSync(ticker, Interval * 10);
        Assert.False(await HasActiveTimerAsync(ticker));
    }

    [Fact]
    public async Task Starting_a_timer_under_an_active_key_replaces_it()
    {
        var ticker = StartTicker();
        await ArmAsync(ticker, "single");
        await ArmAsync(ticker, "single-later"); // same key, twice the delay

        await AdvanceAndSync(ticker, Interval); // the first one's time passes without it
        Clock.Advance(Interval);
        await ExpectMsgAsync("fired-later");
        await AdvanceAndSync(ticker, Interval * 10);
    }

    [Fact]
    public async Task A_replaced_timer_whose_message_is_already_queued_is_discarded()
    {
        var ticker = StartTicker();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ticker.Tell(new RearmWhileHeld(gate.Task));
        await ExpectMsgAsync("holding");

        Clock.Advance(Interval); // "first" is due: its message is queued behind the held turn
        gate.SetResult();
        await ExpectMsgAsync("rearmed"); // the key now belongs to "second"

        await AdvanceAndSync(ticker, TimeSpan.Zero); // the stale "first" was handled (dropped) before this
        Clock.Advance(Interval);
        await ExpectMsgAsync("second");
    }

    [Fact]
    public async Task Timers_are_cancelled_on_restart()
    {
        var ticker = StartTicker();
        await ArmAsync(ticker, "periodic");
        Clock.Advance(Interval);
        await ExpectMsgAsync<Tick>();
        Assert.True(await HasActiveTimerAsync(ticker));

        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(Telling(ticker, new Boom()));
        // A tick that the clock releases now queues behind the failure, or is not sent: either way the
        // new instance must not see it.
        Clock.Advance(Interval);

        Assert.False(await HasActiveTimerAsync(ticker));
        await AdvanceAndSync(ticker, Interval * 10);
    }

    [Fact]
    public async Task Timers_are_cancelled_on_stop()
    {
        var deadLetters = ProbeFor<DeadLetter>();
        var ticker = StartTicker();
        Watch(ticker);
        await ArmAsync(ticker, "periodic");
        Clock.Advance(Interval);
        await ExpectMsgAsync<Tick>();

        Sys.Stop(ticker);
        await ExpectTerminatedAsync(ticker);

        // The clock's Tell is synchronous: a tick still scheduled would be in dead letters when Advance returns.
        Clock.Advance(Interval * 10);
        await deadLetters.ExpectNoMsgAsync(TimeSpan.Zero);
        await ExpectNoMsgAsync(TimeSpan.Zero);
    }
}
