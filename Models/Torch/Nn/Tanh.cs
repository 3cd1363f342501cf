namespace A3C.LibTorch.Nn;

public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => input.Tanh();
}
