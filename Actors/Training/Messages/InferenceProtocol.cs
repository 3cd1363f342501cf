namespace A3C.Actors.Training.Messages;

// Between rollout actors and the central inference actor (GA3C).

/// <summary>
/// Choose actions for these observations with weights of at least <paramref name="MinimumVersion"/>
/// (a synchronous worker must not act with weights older than those it waited for).
/// </summary>
public sealed record InferenceRequest<TObs>(TObs[] Observations, int Count, long MinimumVersion) where TObs : unmanaged;

/// <summary>One action per observation, chosen with the weights of <paramref name="Version"/>.</summary>
public sealed record InferenceReply(int[] Actions, long Version);

/// <summary>A weight subscriber that produces no experience (the inference actor) asks for every snapshot.</summary>
public sealed record SubscribeToWeights(Akka.Actor.IActorRef Subscriber);

/// <summary>How well the inference actor batched since its last report: forward passes, requests and observations.</summary>
public sealed record InferenceReport(long Batches, long Requests, long Observations);
