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
