using Akka.Actor;

namespace A3C.Actors.Tests.Akka;

public sealed class AskTests : ActorTestKit
{
    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    /// <summary>Replies to a string with it in capitals, and to "fail" with a <see cref="Status.Failure"/>.</summary>
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("refused")), Self));
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant(), Self));
        }
    }

    [Fact]
    public async Task Ask_returns_the_typed_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal("HI", await actor.Ask<string>("hi", HangGuard));
    }

    [Fact]
    public async Task Ask_without_a_reply_times_out_saying_after_how_long()
    {
        // The silent actor never answers, so the time-out is the only possible outcome; its length does not matter.
        var actor = Sys.ActorOf(Props.Create<Silent>(), "silent");
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("anyone?", TimeSpan.FromMilliseconds(50)));
        // Akka names the time-out only; ours also named the target's path and the expected type.
        Assert.Contains("0.05 seconds", error.Message);
    }

    [Fact]
    public async Task A_Status_Failure_reply_throws_its_cause()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<string>("fail", HangGuard));
        Assert.Equal("refused", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_says_what_was_expected()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>(), "replier");
        // Akka throws ArgumentException (ours: InvalidCastException) and does not name the target.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => actor.Ask<int>("x", HangGuard));
        Assert.Contains("System.Int32", error.Message);
        Assert.Contains("System.String", error.Message);
    }
}
