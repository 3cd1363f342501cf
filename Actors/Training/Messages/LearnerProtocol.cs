using Akka.Actor;
using A3C.Models.Algorithms;
using A3C.Models.Environments;

namespace A3C.Actors.Training.Messages;

// Between workers (rollout and inference actors) and the learner.

/// <summary>
/// A worker announces itself; the learner watches it and answers with the current weights. A
/// second registration under the same index is a restarted worker.
/// </summary>
public sealed record RegisterWorker(IActorRef Worker, int Index);

/// <summary>What a worker did since its previous message: finished episodes, environment steps, environment restarts.</summary>
public sealed record WorkerReport(EpisodeStatistics[] Episodes, long Frames, int EnvironmentRestarts);

/// <summary>
/// Every parameter of the global network as one flat buffer, at a version (the learner's update
/// count). The buffer is shared by all receivers: nobody may write to it.
/// </summary>
public sealed record WeightSnapshot(long Version, float[] Weights);

/// <summary>Transitions gathered with the weights of <paramref name="WeightVersion"/>.</summary>
public sealed record ExperienceBatch<TObs>(TransitionBatch<TObs> Transitions, long WeightVersion, WorkerReport Report)
    where TObs : unmanaged;

/// <summary>Gradients of the A2C loss on a worker's own batch (gradient-parallel A3C), flat.</summary>
public sealed record GradientPacket(float[] Gradients, long WeightVersion, A2CStatistics Statistics, WorkerReport Report);

/// <summary>
/// The learner has used a batch (or gradient packet) of the receiving worker. Workers keep at most
/// <c>max-in-flight</c> unconsumed batches, so they never run far ahead of the learner and the
/// weights their experience was gathered with stay fresh.
/// </summary>
public sealed record BatchConsumed;
