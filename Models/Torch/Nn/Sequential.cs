namespace A3C.LibTorch.Nn;

/// <summary>Applies its modules in order; their parameters are named by position (<c>0.weight</c>).</summary>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    public Sequential(params Module[] layers)
    {
        _layers = layers;
        for (var i = 0; i < layers.Length; i++) RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i]);
    }

    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>
    /// Runs the layers in turn. Intermediate results are freed here, so a forward pass leaves only
    /// its output (and the autograd graph that needs the intermediates) behind.
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            var next = layer.Forward(x);
            if (!ReferenceEquals(x, input)) x.Dispose();
            x = next;
        }
        return x;
    }
}
