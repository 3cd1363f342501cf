namespace A3C.LibTorch.Nn;

/// <summary>2-d convolution over NCHW input, initialised as PyTorch's nn.Conv2d.</summary>
public sealed class Conv2d : Module
{
    public Conv2d(long inChannels, long outChannels, int kernelSize, int stride = 1, int padding = 0, bool bias = true)
    {
        Stride = stride;
        Padding = padding;
        HasBias = bias;
        var weight = RegisterParameter("weight", Torch.Empty([outChannels, inChannels, kernelSize, kernelSize]));
        Init.KaimingUniform(weight, Math.Sqrt(5));
        if (bias)
        {
            var bound = 1 / Math.Sqrt(inChannels * kernelSize * kernelSize);
            Init.Uniform(RegisterParameter("bias", Torch.Empty([outChannels])), -bound, bound);
        }
    }

    public int Stride { get; }
    public int Padding { get; }
    public bool HasBias { get; }
    public Tensor Weight => Parameter(0);
    public Tensor? Bias => HasBias ? Parameter(1) : null;

    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, Stride, Padding);
}
