using Akka.Actor;

namespace A3C.Actors.Tests.Akka;

/// <summary>
/// The message "hold" signals <c>started</c> and then waits, asynchronously and with the mailbox
/// suspended, for <c>gate</c>, which the test opens; every other string is echoed to the probe.
/// While it holds, the test can fill its mailbox without racing the actor.
/// </summary>
public sealed class GatedActor : ReceiveActor
{
    public GatedActor(IActorRef probe, TaskCompletionSource started, Task gate)
    {
        ReceiveAsync<string>(s => s == "hold", async _ =>
        {
            started.TrySetResult();
            await gate;
            probe.Tell("released", Self);
            Sender.Tell("replied-after-await", Self);
        });
        Receive<string>(s => probe.Tell(s, Self));
    }
}
