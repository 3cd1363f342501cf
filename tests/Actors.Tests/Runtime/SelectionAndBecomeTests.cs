using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

public sealed class SelectionTests : ActorTestBase
{
    private sealed class AskSibling : ReceiveActor
    {
        public AskSibling() => Receive<string>(s => Context.ActorSelection("../" + s).Tell(new GetCount(), Sender));
    }

    [Fact]
    public async Task Selection_by_absolute_path_reaches_a_nested_actor()
    {
        var probe = CreateProbe();
        Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<CounterActor>(), probe, "b")), "a");
        var b = await probe.ExpectMsgAsync<IActorRef>();

        Sys.ActorSelection("/user/a/b").Tell(new Add(2));
        Sys.ActorSelection("a3c://test/user/a/b").Tell(new Add(3));

        Assert.Equal(5, await b.Ask<int>(new GetCount(), TestProbe.DefaultTimeout));
        Assert.Equal(b, await Sys.ActorSelection("/user/a/b").ResolveOne());
    }

    [Fact]
    public async Task Selection_relative_to_an_actor_finds_its_sibling()
    {
        var counter = Sys.ActorOf(Props.Create<CounterActor>(), "counter");
        counter.Tell(new Add(7), null);
        var asker = Sys.ActorOf(Props.Create<AskSibling>(), "asker");
        Assert.Equal(7, await asker.Ask<int>("counter", TestProbe.DefaultTimeout));
    }

    [Fact]
    public async Task Resolving_a_missing_path_names_it()
    {
        var error = await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/nobody/here").ResolveOne());
        Assert.Contains("/user/nobody/here", error.Message);
        var foreign = await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("tcp://other@host:2552/user/a").ResolveOne());
        Assert.Contains("tcp://other@host:2552", foreign.Message);
    }

    [Fact]
    public void Paths_render_and_parse_both_address_forms()
    {
        Assert.True(ActorPath.TryParse("tcp://sys@10.0.0.1:2552/user/a/b", out var remote, out _));
        Assert.Equal("tcp://sys@10.0.0.1:2552/user/a/b", remote!.ToString());
        Assert.Equal(new Address("tcp", "sys", "10.0.0.1", 2552), remote.Address);
        Assert.Equal("/user/a/b", remote.ToStringWithoutAddress());
        Assert.True(ActorPath.TryParse("a3c://sys/user/a", out var local, out _));
        Assert.Equal(ActorPath.RootOf(Address.Local("sys")) / "user" / "a", local);
        Assert.False(ActorPath.TryParse("user/a", out _, out var error));
        Assert.Contains("protocol://", error);
        Assert.False(ActorPath.TryParse("tcp://sys@host/user", out _, out error));
        Assert.Contains("host:port", error);
    }
}

public sealed class BecomeTests : ActorTestBase
{
    private sealed class Switch : ReceiveActor
    {
        public Switch()
        {
            Off();
        }

        private void Off()
        {
            Receive<string>(s => s == "toggle", _ => Become(On));
            Receive<string>(s => s == "push", _ => BecomeStacked(Pushed));
            Receive<string>(s => Sender.Tell("off:" + s, Self));
        }

        private void On()
        {
            Receive<string>(s => s == "toggle", _ => Become(Off));
            Receive<string>(s => Sender.Tell("on:" + s, Self));
        }

        private void Pushed()
        {
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("pushed:" + s, Self));
        }
    }

    [Fact]
    public async Task Become_replaces_and_BecomeStacked_pushes_behaviors()
    {
        var actor = Sys.ActorOf(Props.Create<Switch>());
        Task<string> Say(string s) => actor.Ask<string>(s, TestProbe.DefaultTimeout);

        Assert.Equal("off:x", await Say("x"));
        actor.Tell("toggle", null);
        Assert.Equal("on:x", await Say("x"));
        actor.Tell("toggle", null);
        actor.Tell("push", null);
        Assert.Equal("pushed:x", await Say("x"));
        actor.Tell("pop", null);
        Assert.Equal("off:x", await Say("x"));
    }

    [Fact]
    public async Task Unhandled_messages_are_published()
    {
        var unhandled = new TaskCompletionSource<UnhandledMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Sys.EventStream.Subscribe<UnhandledMessage>(u => unhandled.TrySetResult(u));
        var actor = Sys.ActorOf(Props.Create<CounterActor>());
        actor.Tell(42, null);
        var message = await unhandled.Task.WaitAsync(TestProbe.DefaultTimeout);
        Assert.Equal(42, message.Message);
        Assert.Equal(actor, message.Recipient);
    }
}
