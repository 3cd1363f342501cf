using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

public sealed class AskTests : ActorTestBase
{
    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new StatusFailure(new InvalidOperationException("refused")), Self));
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant(), Self));
        }
    }

    [Fact]
    public async Task Ask_returns_the_typed_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal("HI", await actor.Ask<string>("hi", TestProbe.DefaultTimeout));
    }

    [Fact]
    public async Task Ask_timeout_names_the_target_path_and_the_timeout()
    {
        var actor = Sys.ActorOf(Props.Create<Silent>(), "silent");
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("anyone?", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("a3c://test/user/silent", error.Message);
        Assert.Contains("50 ms", error.Message);
        Assert.Contains("String", error.Message);
    }

    [Fact]
    public async Task A_StatusFailure_reply_throws_its_cause()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<string>("fail", TestProbe.DefaultTimeout));
        Assert.Equal("refused", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_says_what_was_expected()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>(), "replier");
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<int>("x", TestProbe.DefaultTimeout));
        Assert.Contains("Int32", error.Message);
        Assert.Contains("/user/replier", error.Message);
    }
}
