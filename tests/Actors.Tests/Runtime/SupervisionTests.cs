using A3C.Actors.Runtime;
using A3C.Actors.Runtime.Supervision;

namespace A3C.Actors.Tests.Runtime;

public sealed class SupervisionTests : ActorTestBase
{
    private async Task<int> CountOf(IActorRef actor) => await actor.Ask<int>(new GetCount(), TestProbe.DefaultTimeout);

    [Fact]
    public async Task Restart_creates_a_fresh_instance_keeps_the_mailbox_and_drops_the_failing_message()
    {
        var counter = Sys.ActorOf(Props.Create<CounterActor>(), "counter");
        counter.Tell(new Add(5), null);
        counter.Tell(new Boom(), null);
        counter.Tell(new Add(3), null); // queued behind the failure: must survive the restart

        Assert.Equal(3, await CountOf(counter));
    }

    [Fact]
    public async Task Resume_keeps_the_state()
    {
        var probe = CreateProbe();
        var resuming = new OneForOneStrategy(_ => Directive.Resume);
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<CounterActor>(), probe, "child"))
            .WithSupervisorStrategy(resuming));
        await probe.ExpectMsgAsync<IActorRef>();

        parent.Tell(new Add(5), null);
        parent.Tell(new Boom(), null);
        parent.Tell(new Add(3), null);

        Assert.Equal(8, await CountOf(parent));
    }

    [Fact]
    public async Task Stop_after_max_retries_within_the_window()
    {
        var probe = CreateProbe();
        var limited = new OneForOneStrategy(_ => Directive.Restart, maxNrOfRetries: 2, withinTimeRange: TimeSpan.FromHours(1));
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<CounterActor>(), probe, "child"))
            .WithSupervisorStrategy(limited));
        var child = await probe.ExpectMsgAsync<IActorRef>();
        probe.Watch(child);

        parent.Tell(new Boom(), null);
        parent.Tell(new Boom(), null);
        Assert.Equal(0, await CountOf(parent)); // two restarts allowed: still alive

        parent.Tell(new Boom(), null);
        var terminated = await probe.ExpectMsgAsync<Terminated>();
        Assert.Equal(child, terminated.ActorRef);
    }

    [Fact]
    public async Task Escalate_fails_the_parent_which_its_own_supervisor_restarts()
    {
        var probe = CreateProbe();
        var hooks = CreateProbe();
        var escalating = new OneForOneStrategy(_ => Directive.Escalate);
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new HookRecorder(hooks)), probe, "child"))
            .WithSupervisorStrategy(escalating), "parent");
        var firstChild = await probe.ExpectMsgAsync<IActorRef>();
        await hooks.ExpectMsgAsync("ctor");
        await hooks.ExpectMsgAsync("preStart");

        parent.Tell(new Boom("child failure"), null);

        // The parent was restarted by /user: its PreRestart stopped the child, its new instance made a new one.
        await hooks.ExpectMsgAsync("postStop");
        var secondChild = await probe.ExpectMsgAsync<IActorRef>();
        Assert.Equal(firstChild.Path, secondChild.Path);
        await hooks.ExpectMsgAsync("ctor");
        await hooks.ExpectMsgAsync("preStart");
        var snapshot = Sys.Metrics.Snapshot();
        Assert.Equal(1, snapshot.Find("/user/parent")!.Restarts);
    }

    [Fact]
    public async Task AllForOne_restarts_the_siblings_too()
    {
        var probe = CreateProbe();
        var starts = CreateProbe();
        Sys.ActorOf(Props.Create(() => new TwoChildren(probe, starts))
            .WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Restart)));
        var first = await probe.ExpectMsgAsync<IActorRef>();
        var second = await probe.ExpectMsgAsync<IActorRef>();
        Assert.Equal(["first", "second"], (await StartsAsync(starts, 2)).Order());
        first.Tell(new Add(1), null);
        second.Tell(new Add(2), null);
        Assert.Equal(2, await CountOf(second));

        first.Tell(new Boom(), null);

        // Both start again, the sibling too, and neither remembers its count. (The sibling's restart
        // arrives after the failure reaches the parent, so it is awaited before asking it.)
        Assert.Equal(["first", "second"], (await StartsAsync(starts, 2)).Order());
        Assert.Equal(0, await CountOf(first));
        Assert.Equal(0, await CountOf(second));
    }

    [Fact]
    public async Task OneForOne_leaves_the_siblings_alone()
    {
        var probe = CreateProbe();
        Sys.ActorOf(Props.Create(() => new TwoChildren(probe)));
        var first = await probe.ExpectMsgAsync<IActorRef>();
        var second = await probe.ExpectMsgAsync<IActorRef>();
        second.Tell(new Add(2), null);
        Assert.Equal(2, await CountOf(second));

        first.Tell(new Boom(), null);
        Assert.Equal(0, await CountOf(first));
        Assert.Equal(2, await CountOf(second));
    }

    [Fact]
    public async Task Hooks_run_in_akka_order_on_restart_and_stop()
    {
        var hooks = CreateProbe();
        var actor = Sys.ActorOf(Props.Create(() => new HookRecorder(hooks)));
        await hooks.ExpectMsgAsync("ctor");
        await hooks.ExpectMsgAsync("preStart");

        actor.Tell(new Boom("bad"), null);
        Assert.StartsWith("preRestart:bad:Boom", await hooks.ExpectMsgAsync<string>());
        await hooks.ExpectMsgAsync("postStop");
        await hooks.ExpectMsgAsync("ctor");
        await hooks.ExpectMsgAsync("postRestart:bad");
        await hooks.ExpectMsgAsync("preStart");

        actor.Tell(PoisonPill.Instance, null);
        await hooks.ExpectMsgAsync("postStop");
    }

    [Fact]
    public async Task A_failing_constructor_stops_the_actor_under_the_default_strategy()
    {
        var probe = CreateProbe();
        var actor = Sys.ActorOf(Props.Create<ThrowsInConstructor>());
        probe.Watch(actor);
        Assert.Equal(actor, (await probe.ExpectMsgAsync<Terminated>()).ActorRef);
    }

    [Fact]
    public async Task Kill_stops_the_actor()
    {
        var probe = CreateProbe();
        var actor = Sys.ActorOf(Props.Create<CounterActor>());
        probe.Watch(actor);
        actor.Tell(Kill.Instance, null);
        Assert.Equal(actor, (await probe.ExpectMsgAsync<Terminated>()).ActorRef);
    }

    [Fact]
    public async Task Failures_are_logged_with_the_actor_path_and_exception()
    {
        var logged = new TaskCompletionSource<A3C.Actors.Runtime.Event.LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Sys.EventStream.Subscribe<A3C.Actors.Runtime.Event.LogEvent>(e => logged.TrySetResult(e));
        var actor = Sys.ActorOf(Props.Create<CounterActor>(), "logged");
        actor.Tell(new Boom("visible"), null);

        var log = await logged.Task.WaitAsync(TestProbe.DefaultTimeout);
        Assert.Equal(A3C.Actors.Runtime.Event.LogLevel.Error, log.Level);
        Assert.Equal("a3c://test/user/logged", log.LogSource);
        Assert.IsType<InvalidOperationException>(log.Cause);
        Assert.Contains("visible", log.Message);
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
        public TwoChildren(IActorRef probe, IActorRef? starts = null)
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
