using A3C.Actors.Training.Messages;
using A3C.Models.Algorithms;

namespace A3C.Bench.Remote;

/// <summary>The training messages the figures are about, shaped as a learner and its workers send them.</summary>
internal static class TrainingPayloads
{
    /// <summary>PixelPong's observation: 4 stacked 84x84 byte frames.</summary>
    public const int PongObservationBytes = 84 * 84 * 4;

    /// <summary>
    /// One worker's PixelPong experience for an A2C update (pong-a2c: batch 128 from 2 workers): 64
    /// transitions, each with its observation and the one to bootstrap from, about 3.6 MB.
    /// </summary>
    public static ExperienceBatch<byte> PongExperience(int transitions = 64, int seed = 3)
    {
        var random = new Random(seed);
        var observations = new byte[transitions * PongObservationBytes];
        var bootstrap = new byte[transitions * PongObservationBytes];
        random.NextBytes(observations);
        random.NextBytes(bootstrap);
        var batch = new TransitionBatch<byte>(transitions, PongObservationBytes, observations, new int[transitions], new float[transitions],
            bootstrap, new float[transitions]);
        return new ExperienceBatch<byte>(batch, 1, new WorkerReport([], transitions, 0));
    }

    public static long Bytes(ExperienceBatch<byte> batch) => 2L * batch.Transitions.Observations.Length + 12L * batch.Transitions.Count;
}
