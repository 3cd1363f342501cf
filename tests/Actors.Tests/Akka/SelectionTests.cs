using Akka.Actor;

namespace A3C.Actors.Tests.Akka;

public sealed class SelectionTests : ActorTestKit
{
    /// <summary>Asks the sibling named in the message for its count, on behalf of the sender.</summary>
    private sealed class AskSibling : ReceiveActor
    {
        public AskSibling() => Receive<string>(s => Context.ActorSelection("../" + s).Tell(new GetCount(), Sender));
    }

    [Fact]
    public async Task Selection_by_absolute_path_reaches_a_nested_actor()
    {
        Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create<CounterActor>(), TestActor, "b")), "a");
        var b = await ExpectMsgAsync<IActorRef>();

        Sys.ActorSelection("/user/a/b").Tell(new Add(2));
        Sys.ActorSelection("akka://test/user/a/b").Tell(new Add(3));

        Assert.Equal(5, await b.Ask<int>(new GetCount(), HangGuard));
        Assert.Equal(b, await Sys.ActorSelection("/user/a/b").ResolveOne(HangGuard));
    }

    [Fact]
    public async Task Selection_relative_to_an_actor_finds_its_sibling()
    {
        var counter = Sys.ActorOf(Props.Create<CounterActor>(), "counter");
        counter.Tell(new Add(7));
        var asker = Sys.ActorOf(Props.Create<AskSibling>(), "asker");
        Assert.Equal(7, await asker.Ask<int>("counter", HangGuard));
    }

    [Fact]
    public async Task Resolving_a_missing_path_fails_with_ActorNotFoundException()
    {
        // Akka's exception does not name the path as ours did: the caller has to say which selection failed.
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/nobody/here").ResolveOne(HangGuard));
        // Without remoting, an address of another system resolves to nothing as well (no hang, no other error).
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("akka.tcp://other@host:2552/user/a").ResolveOne(HangGuard));
    }

    [Fact]
    public void Paths_render_and_parse_both_address_forms()
    {
        Assert.True(ActorPath.TryParse("akka.tcp://sys@10.0.0.1:2552/user/a/b", out var remote));
        Assert.Equal("akka.tcp://sys@10.0.0.1:2552/user/a/b", remote.ToString());
        Assert.Equal(new Address("akka.tcp", "sys", "10.0.0.1", 2552), remote.Address);
        Assert.Equal("/user/a/b", remote.ToStringWithoutAddress());
        Assert.True(ActorPath.TryParse("akka://sys/user/a", out var local));
        Assert.Equal(new RootActorPath(new Address("akka", "sys")) / "user" / "a", local);
        // Akka's TryParse gives no reason for a refusal, unlike ours.
        Assert.False(ActorPath.TryParse("user/a", out _));
    }
}
