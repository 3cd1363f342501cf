namespace A3C.Actors.Training.Cluster;

/// <summary>
/// The learner node's answer to <see cref="RegisterRemoteWorker"/>: the learner knows
/// <paramref name="Worker"/> as <paramref name="Proxy"/>, so the worker's tensors are sent in the proxy's name.
/// </summary>
public sealed record WorkerProxyAssigned(Akka.Actor.IActorRef Worker, Akka.Actor.IActorRef Proxy);
