namespace A3C.LibTorch.Nn;

/// <summary>Flattens all dimensions after the batch dimension.</summary>
public sealed class Flatten : Module
{
    public override Tensor Forward(Tensor input) => input.Flatten(1);
}
