using Akka.Actor;
using Akka.Event;

namespace A3C.Actors.Monitoring;

/// <summary>
/// Counts the system's dead letters for <see cref="ActorMetrics"/>: Akka publishes each one on the
/// event stream, so counting costs the senders nothing. <see cref="ActorMetrics"/> subscribes it as
/// it creates it: subscribing in <c>PreStart</c> would miss the letters of the moments before it starts.
/// </summary>
internal sealed class DeadLetterCounter : ReceiveActor
{
    public DeadLetterCounter(ActorMetrics metrics)
    {
        Receive<DeadLetter>(_ => metrics.CountDeadLetter());
    }
}
