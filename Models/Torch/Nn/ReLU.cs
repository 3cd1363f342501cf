namespace A3C.LibTorch.Nn;

public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor input) => input.Relu();
}
