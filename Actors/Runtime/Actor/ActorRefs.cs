namespace A3C.Actors.Runtime;

public static class ActorRefs
{
    /// <summary>"No sender", for messages sent from outside any actor; replies go to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;
}
