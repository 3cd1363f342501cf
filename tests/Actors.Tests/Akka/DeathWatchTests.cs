using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Tests.Akka;

public sealed class DeathWatchTests : ActorTestKit
{
    public sealed record WatchIt(IActorRef Target);

    public sealed record UnwatchIt(IActorRef Target);

    /// <summary>What a <see cref="Watcher"/> reports of a Terminated it handled.</summary>
    public sealed record WatcherSaw(IActorRef Actor, bool ExistenceConfirmed);

    /// <summary>
    /// Watches and unwatches on request, acknowledging to the sender; reports each Terminated to the
    /// probe and echoes strings to their sender, so that a test can send "sync" through it and know
    /// that anything it reported earlier is already in the probe's queue. (It reports a record of its
    /// own: a Terminated told to an actor that does not watch its subject, the TestActor included, is dropped.)
    /// </summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w => { Context.Watch(w.Target); Sender.Tell("watching", Self); });
            Receive<UnwatchIt>(w => { Context.Unwatch(w.Target); Sender.Tell("unwatched", Self); });
            Receive<Terminated>(t => probe.Tell(new WatcherSaw(t.ActorRef, t.ExistenceConfirmed), Self));
            Receive<string>(s => Sender.Tell(s, Self));
        }
    }

    /// <summary>Watches on request but handles no Terminated.</summary>
    private sealed class CarelessWatcher : ReceiveActor
    {
        public CarelessWatcher() => Receive<WatchIt>(w => { Context.Watch(w.Target); Sender.Tell("watching", Self); });
    }

    /// <summary>Makes a watched child named "reborn", and makes it again (same name) each time it dies, telling the probe every new ref.</summary>
    private sealed class Respawner : ReceiveActor
    {
        public Respawner(IActorRef probe)
        {
            void Spawn() => probe.Tell(Context.Watch(Context.ActorOf(Props.Create<CounterActor>(), "reborn")), Self);
            Spawn();
            // By the time Terminated is handled, the parent has processed the death notification, so the name is free again.
            Receive<Terminated>(_ => Spawn());
        }
    }

    [Fact]
    public async Task Terminated_is_delivered_exactly_once_even_when_watched_twice()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        watcher.Tell(new WatchIt(target), TestActor);
        watcher.Tell(new WatchIt(target), TestActor);
        await ExpectMsgAsync("watching");
        await ExpectMsgAsync("watching");

        Sys.Stop(target);

        Assert.Equal(target, (await ExpectMsgAsync<WatcherSaw>()).Actor);
        // A round trip through the watcher after the notification: a duplicate would arrive before it.
        watcher.Tell("sync", TestActor);
        await ExpectMsgAsync("sync");
    }

    [Fact]
    public async Task Watching_an_already_dead_actor_delivers_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        var deathProbe = CreateTestProbe();
        deathProbe.Watch(target);
        target.Tell(PoisonPill.Instance);
        await deathProbe.ExpectTerminatedAsync(target);

        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target), TestActor);

        await ExpectMsgAsync("watching");
        var terminated = await ExpectMsgAsync<WatcherSaw>();
        Assert.Equal(target, terminated.Actor);
        // Akka answers a watch of a dead local actor from its dead-letter mailbox, which cannot tell a
        // dead actor from one that never existed; our runtime confirmed it.
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task A_dying_actor_notifies_each_watcher_once()
    {
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        Watch(target);
        Sys.Stop(target);
        await ExpectTerminatedAsync(target);

        // Stop again and wait on a second watcher: no second notification for the first.
        Sys.Stop(target);
        var late = CreateTestProbe();
        late.Watch(target);
        await late.ExpectTerminatedAsync(target);
        await ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task An_actor_recreated_under_the_same_name_is_a_new_incarnation()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        var refs = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Respawner(refs)), "respawner");
        var first = await refs.ExpectMsgAsync<IActorRef>();
        watcher.Tell(new WatchIt(first), TestActor);
        await ExpectMsgAsync("watching");

        first.Tell(PoisonPill.Instance);

        Assert.Equal(first, (await ExpectMsgAsync<WatcherSaw>()).Actor);
        var second = await refs.ExpectMsgAsync<IActorRef>();
        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second); // the ref carries the incarnation: the old one stays dead
        watcher.Tell(new WatchIt(second), TestActor);
        await ExpectMsgAsync("watching");
        Assert.Equal(0, await second.Ask<int>(new GetCount(), HangGuard));

        second.Tell(PoisonPill.Instance);
        Assert.Equal(second, (await ExpectMsgAsync<WatcherSaw>()).Actor);
    }

    [Fact]
    public async Task Unwatch_before_death_means_no_Terminated()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        watcher.Tell(new WatchIt(target), TestActor);
        await ExpectMsgAsync("watching");
        watcher.Tell(new UnwatchIt(target), TestActor);
        await ExpectMsgAsync("unwatched");
        var deathProbe = CreateTestProbe();
        deathProbe.Watch(target);

        Sys.Stop(target);
        await deathProbe.ExpectTerminatedAsync(target);

        watcher.Tell("sync", TestActor);
        await ExpectMsgAsync("sync"); // and no WatcherSaw before it
    }

    [Fact]
    public async Task An_unhandled_Terminated_is_a_death_pact()
    {
        var watcher = Sys.ActorOf(Props.Create<CarelessWatcher>());
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        Watch(watcher);
        watcher.Tell(new WatchIt(target), TestActor);
        await ExpectMsgAsync("watching");

        // The watcher fails with a DeathPactException, which the default strategy answers with Stop.
        await EventFilter.Exception<DeathPactException>().ExpectOneAsync(async () =>
        {
            Sys.Stop(target);
            await ExpectTerminatedAsync(watcher);
        });
    }

    /// <summary>Tells everything it gets to the probe, as if passing news on.</summary>
    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef probe) => ReceiveAny(message => probe.Tell(message, Self));
    }

    [Fact]
    public async Task A_Terminated_passed_on_reaches_only_an_actor_that_watches_its_subject()
    {
        // As in our runtime, a Terminated reaches an actor's behaviour only while the actor watches its
        // subject; passed on to anyone else it is dropped silently (so pass on a message of your own).
        var target = Sys.ActorOf(Props.Create<CounterActor>());
        Watch(target);
        Sys.Stop(target);
        var terminated = await ExpectTerminatedAsync(target);
        var relay = Sys.ActorOf(Props.Create(() => new Relay(TestActor)));

        relay.Tell(terminated);
        relay.Tell("sync");

        await ExpectMsgAsync("sync"); // and no Terminated before it: TestActor no longer watches the target
    }

    [Fact]
    public async Task Messages_sent_to_a_stopped_actor_become_dead_letters()
    {
        var deadLetters = ProbeFor<DeadLetter>();
        var target = Sys.ActorOf(Props.Create<CounterActor>(), "gone");
        Watch(target);
        Sys.Stop(target);
        await ExpectTerminatedAsync(target);

        target.Tell(new Add(1), TestActor);

        var letter = await deadLetters.ExpectMsgAsync<DeadLetter>();
        Assert.Equal(new Add(1), letter.Message);
        Assert.Equal(target, letter.Recipient);
        Assert.Equal(TestActor, letter.Sender);
    }
}
