using A3C.Models.Environments;
using A3C.Models.Networks;

namespace A3C.Actors.Training;

/// <summary>
/// A snapshot's policy ready to act: the network its stored config builds, on the CPU, holding the
/// snapshot's weights.
/// </summary>
public sealed class StoredPolicy : IDisposable
{
    private StoredPolicy(ResumePoint point, TrainingRecipe recipe, ActorCritic network, ElementType observationType)
    {
        Point = point;
        Recipe = recipe;
        Network = network;
        ObservationType = observationType;
    }

    /// <summary>The snapshot's weights, counters and metadata.</summary>
    public ResumePoint Point { get; }

    /// <summary>The recipe of the config stored in the snapshot.</summary>
    public TrainingRecipe Recipe { get; }

    public ActorCritic Network { get; }

    public ElementType ObservationType { get; }

    /// <param name="recipe">The recipe built from the config stored in <paramref name="point"/>'s metadata.</param>
    /// <exception cref="IncompatibleCheckpointException">The weights do not fit the network the stored config builds.</exception>
    public static StoredPolicy Load(ResumePoint point, TrainingRecipe recipe)
    {
        var observationType = EnvironmentRegistry.Standard.Spec(recipe.Environment.Id).ObservationType;
        var network = recipe.CreateNetwork();
        try
        {
            NetworkState.LoadWeights(network, point.Weights);
        }
        catch (ArgumentException e)
        {
            network.Dispose();
            throw new IncompatibleCheckpointException(
                $"snapshot {point.SequenceNr} of run '{point.Run}' does not fit the network of its own config ({recipe.Environment.Id}): {e.Message}", e);
        }
        network.eval();
        return new StoredPolicy(point, recipe, network, observationType);
    }

    /// <summary>
    /// Writes the weights to <paramref name="path"/> (with PyTorch's <c>save</c> format, or the stored
    /// safetensors as they are) and the sidecar that rebuilds the module beside it; returns the sidecar's path.
    /// </summary>
    public string Export(WeightsFormat format, string path)
    {
        if (format == WeightsFormat.PyTorch) WeightsFile.WritePyTorch(Network, path);
        else File.WriteAllBytes(path, Point.Weights);
        var sidecar = WeightsSidecar.Describe(Network.Describe(), format,
            ObservationType == ElementType.UInt8 ? "uint8" : "float32",
            Recipe.Environment.Id, Point.Run, Point.SequenceNr, Point.Metadata.MeanReward);
        var sidecarPath = WeightsSidecar.PathFor(path);
        sidecar.Write(sidecarPath);
        return sidecarPath;
    }

    public void Dispose() => Network.Dispose();
}
