using System.Text.Json;
using System.Text.Json.Serialization;

namespace A3C.Models.Networks;

/// <summary>
/// The JSON written beside exported weights (<c>FILE.json</c>): what rebuilds the module in PyTorch
/// (kind, layers, sizes, activation, how observations are shaped and scaled, the action space) and
/// where the weights came from (environment, run, step).
/// </summary>
/// <param name="Format"><c>pytorch</c> or <c>safetensors</c>: how the weights file beside it is written.</param>
/// <param name="ObservationDtype"><c>float32</c> or <c>uint8</c>, as the environment produces them.</param>
/// <param name="ObservationDivisor">Observations are cast to float32 and divided by this before the first layer.</param>
/// <param name="ActionSpace">For now always <c>{"type": "discrete", "n": actions}</c>.</param>
/// <param name="MeanReward">The run's mean return when the snapshot was taken; null before the first episode.</param>
public sealed record WeightsSidecar(
    string Format,
    string Kind,
    string Activation,
    int? Hidden,
    int[] ObservationShape,
    string ObservationDtype,
    double ObservationDivisor,
    WeightsSidecar.DiscreteActions ActionSpace,
    IReadOnlyList<WeightsSidecar.Layer> Layers,
    string Environment,
    string Run,
    long Step,
    double? MeanReward)
{
    public sealed record DiscreteActions(string Type, int N);

    public sealed record Layer(string Name, long[] Shape);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The sidecar's path for a weights file: the same name with <c>.json</c> appended.</summary>
    public static string PathFor(string weightsPath) => weightsPath + ".json";

    public static WeightsSidecar Describe(NetworkDescription network, WeightsFormat format, string observationDtype,
        string environment, string run, long step, double? meanReward) => new(
        WeightsFile.Name(format), network.Kind, network.Activation, network.Hidden, network.ObservationShape, observationDtype,
        network.ObservationDivisor, new DiscreteActions("discrete", network.Actions),
        [.. network.Layers.Select(layer => new Layer(layer.Name, layer.Shape))], environment, run, step, meanReward);

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <exception cref="ArgumentException">The file is missing, not JSON, or lacks a field; the message names the file.</exception>
    public static WeightsSidecar Read(string path)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"{path} is missing: exported weights need the sidecar written beside them (a3c checkpoints export writes both)");
        try
        {
            var sidecar = JsonSerializer.Deserialize<WeightsSidecar>(File.ReadAllText(path), Json)
                ?? throw new JsonException("the document is null");
            string?[] required = [sidecar.Kind, sidecar.Environment, sidecar.ObservationDtype];
            if (required.Any(value => value is null) || sidecar.Layers is null || sidecar.ObservationShape is null || sidecar.ActionSpace is null)
                throw new JsonException("\"kind\", \"environment\", \"observationDtype\", \"observationShape\", \"actionSpace\" and \"layers\" are required");
            return sidecar;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path} is not a weights sidecar: {e.Message}", e);
        }
    }

    /// <summary>
    /// Where the network the sidecar describes differs from <paramref name="network"/>: the first
    /// difference, naming the field or parameter and both values; null when they agree.
    /// </summary>
    public string? Mismatch(NetworkDescription network)
    {
        if (Kind != network.Kind) return $"the network kind is {Kind} in the sidecar, {network.Kind} here";
        if (!ObservationShape.SequenceEqual(network.ObservationShape))
            return $"observations are {Shape(ObservationShape)} in the sidecar, {Shape(network.ObservationShape)} here";
        if (ActionSpace.N != network.Actions) return $"the policy chooses among {ActionSpace.N} actions in the sidecar, {network.Actions} here";
        var expected = network.Layers.ToDictionary(layer => layer.Name, layer => layer.Shape);
        foreach (var layer in Layers)
        {
            if (!expected.TryGetValue(layer.Name, out var shape)) return $"'{layer.Name}' {Shape(layer.Shape)} is in the sidecar but not in the network";
            if (!shape.SequenceEqual(layer.Shape)) return $"'{layer.Name}' is {Shape(layer.Shape)} in the sidecar, {Shape(shape)} in the network";
        }
        var missing = network.Layers.FirstOrDefault(layer => Layers.All(stored => stored.Name != layer.Name));
        return missing.Name is null ? null : $"'{missing.Name}' {Shape(missing.Shape)} is in the network but not in the sidecar";
    }

    private static string Shape<T>(IEnumerable<T> dimensions) => $"[{string.Join(", ", dimensions)}]";
}
