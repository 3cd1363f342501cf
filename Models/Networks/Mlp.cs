using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>The nonlinearity between an <see cref="Mlp"/>'s layers.</summary>
public enum MlpActivation
{
    Tanh,
    Relu,
}

/// <summary>
/// A plain multilayer perceptron: Linear, activation, ..., Linear (no activation after the last
/// layer). With no hidden sizes it is one linear map, which is what the tests use to compute
/// losses by hand. Parameters, in order: layer0.weight [H0, I], layer0.bias [H0], layer1.weight, ...
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly MlpActivation activation;

    /// <param name="orthogonalGain">
    /// When set, weights are drawn orthogonal with this gain (√2 for tanh hidden layers, as in the
    /// PPO implementation details) and biases are zero; <paramref name="outputGain"/> is the last
    /// layer's gain (0.01 for a policy's logits, 1 for a value). Otherwise PyTorch's default init.
    /// </param>
    public Mlp(int inputs, IReadOnlyList<int> hidden, int outputs, MlpActivation activation = MlpActivation.Relu,
        double? orthogonalGain = null, double outputGain = 1.0) : base(nameof(Mlp))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        (Inputs, Outputs, Hidden, this.activation) = (inputs, outputs, [.. hidden], activation);
        layers = new ModuleList<Linear>();
        var width = inputs;
        foreach (var size in hidden)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(hidden));
            layers.Add(nn.Linear(width, size));
            width = size;
        }
        layers.Add(nn.Linear(width, outputs));
        RegisterComponents();
        if (orthogonalGain is { } gain)
        {
            using var noGrad = no_grad();
            for (var i = 0; i < layers.Count; i++)
            {
                nn.init.orthogonal_(layers[i].weight!, i == layers.Count - 1 ? outputGain : gain);
                nn.init.zeros_(layers[i].bias!);
            }
        }
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public IReadOnlyList<int> Hidden { get; }

    /// <summary>Every parameter, in registration order: the order of flat weight buffers.</summary>
    public IReadOnlyList<Parameter> ParameterList => [.. parameters()];

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (var i = 0; i < layers.Count; i++)
        {
            x = layers[i].forward(x);
            if (i < layers.Count - 1)
                x = activation == MlpActivation.Tanh ? x.tanh() : nn.functional.relu(x);
        }
        return x.MoveToOuterDisposeScope();
    }
}
