using Akka.Actor;
using Akka.TestKit;

namespace A3C.Actors.Tests.Akka;

public sealed class SupervisionTests : ActorTestKit
{
    private async Task<int> CountOf(IActorRef actor) => await actor.Ask<int>(new GetCount(), HangGuard);

    [Fact]
    public async Task Restart_creates_a_fresh_instance_keeps_the_mailbox_and_drops_the_failing_message()
    {
        var counter = Sys.ActorOf(Props.Create(() => new CounterActor(TestActor)), "counter");
        await ExpectMsgAsync(new Started("counter"));

        counter.Tell(new Add(5));
        counter.Tell(new Boom());
        counter.Tell(new Add(3)); // queued behind the failure: must survive the restart

        await ExpectMsgAsync(new Started("counter")); // a new instance, under the same ref
        Assert.Equal(3, await CountOf(counter)); // 5 was the old instance's; Boom was not retried
    }

    [Fact]
    public async Task Resume_keeps_the_state()
    {
        var resuming = new OneForOneStrategy(_ => Directive.Resume);
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new CounterActor(TestActor)), TestActor, "child"))
            .WithSupervisorStrategy(resuming));
        await ExpectMsgAsync<IActorRef>();
        await ExpectMsgAsync(new Started("child"));

        parent.Tell(new Add(5));
        parent.Tell(new Boom());
        parent.Tell(new Add(3));

        Assert.Equal(8, await CountOf(parent));
        await ExpectNoMsgAsync(TimeSpan.Zero); // no second Started: the same instance went on
    }

    [Fact]
    public async Task Stop_after_max_retries_within_the_window()
    {
        var limited = new OneForOneStrategy(maxNrOfRetries: 2, withinTimeRange: TimeSpan.FromHours(1), localOnlyDecider: _ => Directive.Restart);
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<CounterActor>(), TestActor, "child"))
            .WithSupervisorStrategy(limited));
        var child = await ExpectMsgAsync<IActorRef>();
        Watch(child);

        parent.Tell(new Boom());
        parent.Tell(new Boom());
        Assert.Equal(0, await CountOf(parent)); // two restarts allowed: still alive

        parent.Tell(new Boom());
        await ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Escalate_fails_the_parent_which_its_own_supervisor_restarts()
    {
        var hooks = CreateTestProbe();
        var escalating = new OneForOneStrategy(_ => Directive.Escalate);
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new HookRecorder(hooks)), TestActor, "child"))
            .WithSupervisorStrategy(escalating), "parent");
        var firstChild = await ExpectMsgAsync<IActorRef>();
        await hooks.ExpectMsgAsync("ctor");
        await hooks.ExpectMsgAsync("preStart");

        parent.Tell(new Boom("child failure"));

        // The parent was restarted by /user: its PreRestart stopped the child (which was not restarted
        // itself), its new instance made a new child under the same name.
        await hooks.ExpectMsgAsync("postStop");
        var secondChild = await ExpectMsgAsync<IActorRef>();
        Assert.Equal(parent, LastSender); // the same parent ref: restarted, not stopped and re-created
        Assert.Equal(firstChild.Path, secondChild.Path);
        Assert.NotEqual(firstChild, secondChild); // another incarnation
        await hooks.ExpectMsgAsync("ctor");
        await hooks.ExpectMsgAsync("preStart");
    }

    [Fact]
    public async Task AllForOne_restarts_the_siblings_too()
    {
        var starts = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new TwoChildren(TestActor, starts))
            .WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Restart)));
        var first = await ExpectMsgAsync<IActorRef>();
        var second = await ExpectMsgAsync<IActorRef>();
        Assert.Equal(["first", "second"], (await StartsAsync(starts, 2)).Order());
        first.Tell(new Add(1));
        second.Tell(new Add(2));
        Assert.Equal(2, await CountOf(second));

        first.Tell(new Boom());

        // Both start again, the sibling too, and neither remembers its count. (The sibling's restart
        // follows the failure's arrival at the parent, so it is awaited before asking it.)
        Assert.Equal(["first", "second"], (await StartsAsync(starts, 2)).Order());
        Assert.Equal(0, await CountOf(first));
        Assert.Equal(0, await CountOf(second));
    }

    [Fact]
    public async Task OneForOne_leaves_the_siblings_alone()
    {
        var starts = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new TwoChildren(TestActor, starts)));
        var first = await ExpectMsgAsync<IActorRef>();
        var second = await ExpectMsgAsync<IActorRef>();
        await StartsAsync(starts, 2);
        second.Tell(new Add(2));
        Assert.Equal(2, await CountOf(second));

        first.Tell(new Boom());

        Assert.Equal(new Started("first"), await starts.ExpectMsgAsync<Started>());
        Assert.Equal(0, await CountOf(first));
        Assert.Equal(2, await CountOf(second));
        await starts.ExpectNoMsgAsync(TimeSpan.Zero); // "second" never started again
    }

    [Fact]
    public async Task Hooks_run_in_akka_order_on_restart_and_stop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new HookRecorder(TestActor)));
        await ExpectMsgAsync("ctor");
        await ExpectMsgAsync("preStart");

        actor.Tell(new Boom("bad"));
        Assert.StartsWith("preRestart:bad:Boom", await ExpectMsgAsync<string>());
        await ExpectMsgAsync("postStop"); // the default PreRestart calls PostStop on the old instance
        await ExpectMsgAsync("ctor");
        await ExpectMsgAsync("postRestart:bad");
        await ExpectMsgAsync("preStart"); // the default PostRestart calls PreStart on the new one

        actor.Tell(PoisonPill.Instance);
        await ExpectMsgAsync("postStop");
    }

    [Fact]
    public async Task A_failing_constructor_stops_the_actor_under_the_default_strategy()
    {
        // The failure is logged as an ActorInitializationException, which the default decider stops.
        await EventFilter.Exception<ActorInitializationException>().ExpectOneAsync(async () =>
        {
            var actor = Sys.ActorOf(Props.Create<ThrowsInConstructor>());
            Watch(actor);
            await ExpectTerminatedAsync(actor);
        });
    }

    [Fact]
    public async Task Kill_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<CounterActor>());
        Watch(actor);
        await EventFilter.Exception<ActorKilledException>().ExpectOneAsync(Telling(actor, Kill.Instance));
        await ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task Failures_are_logged_with_the_actor_path_and_exception()
    {
        var actor = Sys.ActorOf(Props.Create<CounterActor>(), "logged");

        // Matches only an Error event whose cause is an InvalidOperationException, from that path, naming the reason.
        await EventFilter.Exception<InvalidOperationException>(contains: "visible", source: "akka://test/user/logged")
            .ExpectOneAsync(Telling(actor, new Boom("visible")));
    }

    /// <summary>The names of the next <paramref name="count"/> instances to start, in the order they did.</summary>
    private static async Task<List<string>> StartsAsync(TestProbe starts, int count)
    {
        var names = new List<string>();
        for (var i = 0; i < count; i++) names.Add((await starts.ExpectMsgAsync<Started>()).Name);
        return names;
    }

    private sealed class TwoChildren : ReceiveActor
    {
        public TwoChildren(IActorRef probe, IActorRef starts)
        {
            probe.Tell(Context.ActorOf(Props.Create(() => new CounterActor(starts)), "first"), Self);
            probe.Tell(Context.ActorOf(Props.Create(() => new CounterActor(starts)), "second"), Self);
        }
    }

    private sealed class ThrowsInConstructor : ReceiveActor
    {
        public ThrowsInConstructor() => throw new InvalidOperationException("cannot start");
    }
}
