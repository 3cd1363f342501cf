namespace A3C.Actors.Training.Cluster;

/// <summary>
/// A worker node registers one of its rollout actors with the learner node's <see cref="WorkerGateway"/>:
/// the learner's <see cref="Messages.RegisterWorker"/>, with the port of the worker node's tensor
/// channel for the weights to come back on.
/// </summary>
public sealed record RegisterRemoteWorker(Akka.Actor.IActorRef Worker, int Index, int TensorPort);
