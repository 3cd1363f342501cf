using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

public sealed class TimerTests : ActorTestBase
{
    private sealed record Tick;

    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public Ticker(IActorRef probe)
        {
            Receive<string>(s => s == "periodic", _ => { Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromMilliseconds(5)); Sender.Tell("started", Self); });
            Receive<string>(s => s == "single", _ => Timers.StartSingleTimer("once", "fired", TimeSpan.FromMilliseconds(5)));
            Receive<string>(s => s == "fired", s => probe.Tell(s, Self));
            Receive<string>(s => s == "active?", _ => Sender.Tell(Timers.IsTimerActive("tick"), Self));
            Receive<Tick>(t => probe.Tell(t, Self));
            Receive<Boom>(b => throw new InvalidOperationException(b.Reason));
        }
    }

    [Fact]
    public async Task A_single_timer_fires_once()
    {
        var probe = CreateProbe();
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(probe)));
        ticker.Tell("single", null);
        await probe.ExpectMsgAsync("fired");
    }

    [Fact]
    public async Task Timers_are_cancelled_on_restart()
    {
        var probe = CreateProbe();
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(probe)));
        await ticker.Ask<string>("periodic", TestProbe.DefaultTimeout);
        await probe.ExpectMsgAsync<Tick>();
        Assert.True(await ticker.Ask<bool>("active?", TestProbe.DefaultTimeout));

        ticker.Tell(new Boom(), null);
        Assert.False(await ticker.Ask<bool>("active?", TestProbe.DefaultTimeout));

        // Ticks already queued before the restart are dropped on arrival; none may come later.
        await Task.Delay(100);
        await ticker.Ask<bool>("active?", TestProbe.DefaultTimeout);
        probe.Drain(); // ticks delivered before the restart
        await Task.Delay(100);
        probe.ExpectEmpty();
    }

    [Fact]
    public async Task Timers_are_cancelled_on_stop()
    {
        var probe = CreateProbe();
        var deaths = CreateProbe();
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(probe)));
        deaths.Watch(ticker);
        await ticker.Ask<string>("periodic", TestProbe.DefaultTimeout);
        await probe.ExpectMsgAsync<Tick>();

        Sys.Stop(ticker);
        await deaths.ExpectMsgAsync<Terminated>();
        probe.Drain(); // ticks delivered before the stop
        var deadTicks = 0;
        using var _ = Sys.EventStream.Subscribe<DeadLetter>(d => { if (d.Message is Tick) Interlocked.Increment(ref deadTicks); });
        await Task.Delay(100);
        probe.ExpectEmpty();
        Assert.Equal(0, Volatile.Read(ref deadTicks));
    }
}
