using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

public sealed class LifecycleTests : ActorTestBase
{
    [Fact]
    public async Task PoisonPill_stops_after_the_messages_queued_before_it()
    {
        var hooks = CreateProbe();
        var actor = Sys.ActorOf(Props.Create(() => new HookRecorder(hooks)));
        await hooks.ExpectMsgAsync("ctor");
        await hooks.ExpectMsgAsync("preStart");

        actor.Tell("first", hooks);
        actor.Tell(PoisonPill.Instance, null);
        actor.Tell("after", hooks);

        await hooks.ExpectMsgAsync("first");
        await hooks.ExpectMsgAsync("postStop");
        hooks.ExpectEmpty();
    }

    [Fact]
    public async Task Terminate_stops_the_whole_tree_children_before_parents()
    {
        var system = ActorSystem.Create("shutdown", ActorSystemSettings.Default with { LogToStdErr = false });
        var hooks = new TestProbe(system, "hooks");
        var probe = new TestProbe(system, "refs");
        system.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new HookRecorder(hooks)), probe, "child")), "parent");
        await probe.ExpectMsgAsync<IActorRef>();
        await hooks.ExpectMsgAsync("ctor");
        await hooks.ExpectMsgAsync("preStart");

        await system.Terminate().WaitAsync(TestProbe.DefaultTimeout);

        await hooks.ExpectMsgAsync("postStop");
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        Assert.Single(system.Metrics.Snapshot().Actors); // only the stopped root remains reachable
    }

    [Fact]
    public void Duplicate_and_invalid_names_are_rejected_with_the_name_in_the_message()
    {
        Sys.ActorOf(Props.Create<CounterActor>(), "twin");
        var duplicate = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<CounterActor>(), "twin"));
        Assert.Contains("[twin]", duplicate.Message);
        Assert.Contains("/user", duplicate.Message);
        var invalid = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<CounterActor>(), "a/b"));
        Assert.Contains("'/'", invalid.Message);
    }

    [Fact]
    public void Creating_an_actor_with_new_explains_how_to_do_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CounterActor());
        Assert.Contains("Props.Create<CounterActor>", error.Message);
    }

    [Fact]
    public async Task Children_and_Child_and_Parent_describe_the_tree()
    {
        var probe = CreateProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<CounterActor>(), probe, "kid")), "mum");
        var child = await probe.ExpectMsgAsync<IActorRef>();
        Assert.Equal("a3c://test/user/mum/kid", child.Path.ToString());
        Assert.Equal(parent, probe.LastSender);
        Assert.Equal(["user", "mum", "kid"], child.Path.Elements);
    }
}

public sealed class DispatcherTests
{
    [Fact]
    public async Task Named_dispatchers_are_used_and_unknown_ones_are_named_in_the_error()
    {
        var settings = ActorSystemSettings.Default with
        {
            LogToStdErr = false,
            Dispatchers = new Dictionary<string, DispatcherSettings> { ["fair"] = new(Throughput: 1), ["global"] = new(5, PreferLocalQueue: false) },
        };
        var system = ActorSystem.Create("dispatchers", settings);
        try
        {
            var fair = system.ActorOf(Props.Create<CounterActor>().WithDispatcher("fair"));
            var global = system.ActorOf(Props.Create<CounterActor>().WithDispatcher("global"));
            for (var i = 0; i < 100; i++)
            {
                fair.Tell(new Add(1), null);
                global.Tell(new Add(2), null);
            }
            Assert.Equal(100, await fair.Ask<int>(new GetCount(), TestProbe.DefaultTimeout));
            Assert.Equal(200, await global.Ask<int>(new GetCount(), TestProbe.DefaultTimeout));

            var error = Assert.Throws<ArgumentException>(() => system.ActorOf(Props.Create<CounterActor>().WithDispatcher("nope")));
            Assert.Contains("'nope'", error.Message);
            Assert.Contains("fair", error.Message);
        }
        finally
        {
            await system.Terminate().WaitAsync(TestProbe.DefaultTimeout);
        }
    }

    [Fact]
    public void Invalid_settings_name_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("bad", ActorSystemSettings.Default with { Throughput = 0 }));
        Assert.Contains("Throughput", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("bad", ActorSystemSettings.Default with { ProcessingTimeSampleInterval = 3 }));
        Assert.Contains("ProcessingTimeSampleInterval", error.Message);
        var name = Assert.Throws<ArgumentException>(() => ActorSystem.Create("no spaces"));
        Assert.Contains("'no spaces'", name.Message);
    }
}
