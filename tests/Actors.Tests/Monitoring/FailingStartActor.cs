using System.Runtime.CompilerServices;
using A3C.Actors.Monitoring;
using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>
/// Throws from <c>PreStart</c> in its first incarnation only (the attempts are counted outside the
/// actor, which a restart replaces), then tells the observer it started.
/// </summary>
public sealed class FailingStartActor(IActorRef observer, StrongBox<int> attempts) : InstrumentedReceiveActor
{
    protected override void PreStart()
    {
        if (Interlocked.Increment(ref attempts.Value) == 1) throw new InjectedFault();
        observer.Tell(new Started(Self));
    }
}
