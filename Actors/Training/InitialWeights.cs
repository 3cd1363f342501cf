using A3C.Models.Networks;

namespace A3C.Actors.Training;

/// <summary>
/// Weights a new run starts from instead of fresh ones (<c>a3c train --init-from FILE</c>): an
/// exported <c>state_dict</c> in either <see cref="WeightsFormat"/>, with the sidecar written beside
/// it, which says what network they belong to.
/// </summary>
/// <param name="Source">The weights file, for messages and the run's journal.</param>
/// <param name="Weights">The weights as a safetensors file, whatever format they were read from.</param>
public sealed record InitialWeights(string Source, byte[] Weights, WeightsSidecar Sidecar)
{
    /// <summary>Reads the weights file and its sidecar <c>FILE.json</c>.</summary>
    /// <exception cref="ArgumentException">Either file is missing or unreadable; the message names it.</exception>
    public static InitialWeights Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new ArgumentException($"--init-from {fullPath}: no such file");
        var sidecar = WeightsSidecar.Read(WeightsSidecar.PathFor(fullPath));
        return new InitialWeights(fullPath, WeightsFile.ReadAsSafetensors(fullPath), sidecar);
    }

    /// <summary>
    /// Checks, before any actor starts, that the weights fit the network <paramref name="recipe"/>
    /// builds: first as the sidecar describes them, then by loading them into a throwaway copy.
    /// </summary>
    /// <exception cref="IncompatibleCheckpointException">A parameter differs; the message names it and both shapes.</exception>
    public void EnsureFits(TrainingRecipe recipe)
    {
        using var net = recipe.CreateNetwork();
        var config = $"the network of this config ({recipe.Environment.Id}, hidden = {recipe.Training.Hidden})";
        if (Sidecar.Mismatch(net.Describe()) is { } mismatch)
            throw new IncompatibleCheckpointException(
                $"{Source} does not fit {config}: {mismatch} (sidecar {WeightsSidecar.PathFor(Source)}, exported from {Sidecar.Environment})");
        try
        {
            NetworkState.LoadWeights(net, Weights);
        }
        catch (ArgumentException e)
        {
            throw new IncompatibleCheckpointException($"{Source} does not fit {config}: {e.Message}", e);
        }
    }
}
