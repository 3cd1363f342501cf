using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>
/// On <see cref="Hold"/> it awaits the test's gate: Akka suspends the mailbox while an async
/// receive runs, so later messages stay queued without a thread being blocked.
/// </summary>
public sealed class GatedActor : InstrumentedReceiveActor
{
    public GatedActor()
    {
        ReceiveAsync<Hold>(async hold =>
        {
            hold.Entered.TrySetResult();
            await hold.Gate;
        });
        Receive<Work>(_ => { });
        Receive<Ping>(_ => Sender.Tell(new Pong()));
    }
}
