using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

/// <summary>
/// The first "hold" message signals <see cref="Started"/> and then waits (asynchronously, the
/// mailbox suspended) for <see cref="Gate"/>; every other string is echoed to the probe.
/// </summary>
public sealed class GatedActor : ReceiveActor
{
    public GatedActor(IActorRef probe, TaskCompletionSource started, Task gate)
    {
        ReceiveAsync<string>(async _ =>
        {
            started.TrySetResult();
            await gate;
            probe.Tell("released", Self);
            Sender.Tell("replied-after-await", Self);
        }, s => s == "hold");
        Receive<string>(s => probe.Tell(s, Self));
    }
}
