namespace A3C.Actors.Training.Cluster.Serialization;

/// <summary>
/// <see cref="Messages.RegisterWorker"/> as it will be once the training messages carry Akka's
/// <see cref="Akka.Actor.IActorRef"/>: until the training actors run on Akka.NET, the serializer
/// and its tests use this copy, and it is deleted for the real record then.
/// </summary>
public sealed record RegisterWorkerOnAkka(Akka.Actor.IActorRef Worker, int Index);
