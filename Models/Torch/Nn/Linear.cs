namespace A3C.LibTorch.Nn;

/// <summary>y = x Wᵀ + b, initialised as PyTorch's nn.Linear (Kaiming-uniform weights, uniform bias).</summary>
public sealed class Linear : Module
{
    public Linear(long inputs, long outputs, bool bias = true)
    {
        Inputs = inputs;
        Outputs = outputs;
        HasBias = bias;
        var weight = RegisterParameter("weight", Torch.Empty([outputs, inputs]));
        Init.KaimingUniform(weight, Math.Sqrt(5));
        if (bias)
        {
            var bound = 1 / Math.Sqrt(inputs);
            Init.Uniform(RegisterParameter("bias", Torch.Empty([outputs])), -bound, bound);
        }
    }

    public long Inputs { get; }
    public long Outputs { get; }
    public bool HasBias { get; }
    public Tensor Weight => Parameter(0);
    public Tensor? Bias => HasBias ? Parameter(1) : null;

    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
