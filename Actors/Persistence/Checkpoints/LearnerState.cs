namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// Everything a learner needs to continue a run exactly where it stopped: what a checkpoint's
/// snapshot holds. The learner builds one by copying its state to arrays it no longer touches, so
/// the record can cross to the checkpoint actors without another copy.
/// </summary>
/// <param name="Step">The learner's update count, which is also the weight version.</param>
/// <param name="MeanReward">Mean return over the reward window; null before the first episode.</param>
/// <param name="Weights">The network's parameters as safetensors under PyTorch's names.</param>
/// <param name="Optimizer">The optimizer's state (TorchSharp's format).</param>
/// <param name="RandomState">The learner's random generator state; empty when it draws no random numbers.</param>
/// <param name="Config">The HOCON text that started the run, so a resume needs no config file.</param>
public sealed record LearnerState(
    long Step,
    long Frames,
    long Episodes,
    double? MeanReward,
    DateTimeOffset Timestamp,
    string Mode,
    string Environment,
    string Config,
    byte[] Weights,
    byte[] Optimizer,
    byte[] RandomState)
{
    /// <summary>The bytes of the state's arrays, which is nearly all of its size.</summary>
    public long BlobBytes => (long)Weights.Length + Optimizer.Length + RandomState.Length;
}
