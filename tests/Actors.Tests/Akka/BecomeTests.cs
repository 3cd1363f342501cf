using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Tests.Akka;

public sealed class BecomeTests : ActorTestKit
{
    /// <summary>Answers "&lt;state&gt;:&lt;message&gt;"; "toggle" swaps off and on, "push" stacks a behaviour that "pop" removes.</summary>
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

        actor.Tell("x", TestActor);
        await ExpectMsgAsync("off:x");
        actor.Tell("toggle");
        actor.Tell("x", TestActor);
        await ExpectMsgAsync("on:x");
        actor.Tell("toggle");
        actor.Tell("push");
        actor.Tell("x", TestActor);
        await ExpectMsgAsync("pushed:x");
        actor.Tell("pop");
        actor.Tell("x", TestActor);
        await ExpectMsgAsync("off:x");
    }

    [Fact]
    public async Task Unhandled_messages_are_published()
    {
        var unhandled = ProbeFor<UnhandledMessage>();
        var actor = Sys.ActorOf(Props.Create<CounterActor>());

        actor.Tell(42, TestActor);

        var message = await unhandled.ExpectMsgAsync<UnhandledMessage>();
        Assert.Equal(42, message.Message);
        Assert.Equal(actor, message.Recipient);
        Assert.Equal(TestActor, message.Sender);
    }
}
