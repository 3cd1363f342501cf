using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

public sealed class DeathWatchTests : ActorTestBase
{
    public sealed record WatchIt(IActorRef Target);

    public sealed record UnwatchIt(IActorRef Target);

    /// <summary>Watches on request and reports each Terminated to the probe.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w => { Context.Watch(w.Target); Sender.Tell("watching", Self); });
            Receive<UnwatchIt>(w => { Context.Unwatch(w.Target); Sender.Tell("unwatched", Self); });
            Receive<Terminated>(t => probe.Tell(t, Self));
            Receive<string>(s => Sender.Tell(s, Self));
        }
    }

    private sealed class CarelessWatcher : ReceiveActor
    {
        public CarelessWatcher() => Receive<WatchIt>(w => { Context.Watch(w.Target); Sender.Tell("watching", Self); });
    }

    private static readonly TimeSpan Timeout = TestProbe.DefaultTimeout;

    [Fact]
    public async Task Terminated_is_delivered_exactly_once_even_when_watched_twice()
    {
        var probe = CreateProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)));
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        await watcher.Ask<string>(new WatchIt(target), Timeout);
        await watcher.Ask<string>(new WatchIt(target), Timeout);

        Sys.Stop(target);

        Assert.Equal(target, (await probe.ExpectMsgAsync<Terminated>()).ActorRef);
        // A round trip through the watcher after the notification: a duplicate would be queued before it.
        await watcher.Ask<string>("sync", Timeout);
        probe.ExpectEmpty();
    }

    [Fact]
    public async Task Watching_an_already_dead_actor_delivers_Terminated()
    {
        var probe = CreateProbe();
        var deathProbe = CreateProbe();
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        deathProbe.Watch(target);
        target.Tell(PoisonPill.Instance, null);
        await deathProbe.ExpectMsgAsync<Terminated>();

        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)));
        await watcher.Ask<string>(new WatchIt(target), Timeout);

        Assert.Equal(target, (await probe.ExpectMsgAsync<Terminated>()).ActorRef);
    }

    [Fact]
    public async Task A_dying_actor_notifies_each_watcher_once()
    {
        var probe = CreateProbe();
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        probe.Watch(target);
        Sys.Stop(target);
        await probe.ExpectMsgAsync<Terminated>();
        // Stop again and wait on a second watcher: no second notification for the first.
        Sys.Stop(target);
        var late = CreateProbe();
        late.Watch(target);
        await late.ExpectMsgAsync<Terminated>();
        probe.ExpectEmpty();
    }

    [Fact]
    public async Task An_actor_recreated_under_the_same_name_is_a_new_incarnation()
    {
        var probe = CreateProbe();
        var deaths = CreateProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)));
        var first = Sys.ActorOf(Props.Create<CounterActor>(), "reborn");
        await watcher.Ask<string>(new WatchIt(first), Timeout);
        deaths.Watch(first);
        Sys.Stop(first);
        await deaths.ExpectMsgAsync<Terminated>();
        Assert.Equal(first, (await probe.ExpectMsgAsync<Terminated>()).ActorRef);

        // The name is free once /user has processed the child's termination.
        IActorRef? second = null;
        using var guard = new CancellationTokenSource(Timeout);
        while (second is null)
        {
            try { second = Sys.ActorOf(Props.Create<CounterActor>(), "reborn"); }
            catch (InvalidActorNameException) { await Task.Delay(1, guard.Token); }
        }

        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second);
        await watcher.Ask<string>(new WatchIt(second), Timeout);
        Sys.Stop(second);
        Assert.Equal(second, (await probe.ExpectMsgAsync<Terminated>()).ActorRef);
    }

    [Fact]
    public async Task Unwatch_before_death_means_no_Terminated()
    {
        var probe = CreateProbe();
        var deathProbe = CreateProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)));
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        await watcher.Ask<string>(new WatchIt(target), Timeout);
        await watcher.Ask<string>(new UnwatchIt(target), Timeout);
        deathProbe.Watch(target);

        Sys.Stop(target);
        await deathProbe.ExpectMsgAsync<Terminated>();
        await watcher.Ask<string>("sync", Timeout);
        probe.ExpectEmpty();
    }

    [Fact]
    public async Task An_unhandled_Terminated_is_a_death_pact()
    {
        var probe = CreateProbe();
        var watcher = Sys.ActorOf(Props.Create<CarelessWatcher>());
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        probe.Watch(watcher);
        await watcher.Ask<string>(new WatchIt(target), Timeout);

        Sys.Stop(target);

        Assert.Equal(watcher, (await probe.ExpectMsgAsync<Terminated>()).ActorRef);
    }

    [Fact]
    public async Task Messages_sent_to_a_stopped_actor_become_dead_letters()
    {
        var letters = new TaskCompletionSource<DeadLetter>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Sys.EventStream.Subscribe<DeadLetter>(d => { if (d.Message is Add) letters.TrySetResult(d); });
        var probe = CreateProbe();
        var target = Sys.ActorOf(Props.Create<CounterActor>(), "gone");
        probe.Watch(target);
        Sys.Stop(target);
        await probe.ExpectMsgAsync<Terminated>();

        target.Tell(new Add(1), null);

        var letter = await letters.Task.WaitAsync(Timeout);
        Assert.Equal(target, letter.Recipient);
        Assert.True(Sys.Metrics.DeadLetterCount >= 1);
    }
}
