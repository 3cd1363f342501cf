namespace A3C.Models.Networks;

/// <summary>
/// What rebuilds a network outside this program: its kind, layer sizes and activation, written
/// beside exported weights so a few lines of PyTorch can reconstruct the module.
/// </summary>
/// <param name="Kind"><c>mlp-actor-critic</c> or <c>atari-actor-critic</c>.</param>
/// <param name="ObservationDivisor">Observations are cast to float32 and divided by this before the first layer (256 for frames).</param>
/// <param name="Layers">Each parameter's PyTorch name and shape, in order.</param>
public sealed record NetworkDescription(
    string Kind,
    int[] ObservationShape,
    int Actions,
    int? Hidden,
    string Activation,
    double ObservationDivisor,
    IReadOnlyList<(string Name, long[] Shape)> Layers);
