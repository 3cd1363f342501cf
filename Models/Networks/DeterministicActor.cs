using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// DDPG's and TD3's actor: μ(s) = scale · tanh(MLP(s)) + bias, inside the action box. Exploration
/// adds Gaussian noise N(0, (σ · scale)²) to the action and clips it back to the box
/// (<see cref="Explore"/>). Parameters: the MLP's.
/// </summary>
public sealed class DeterministicActor : nn.Module<Tensor, Tensor>
{
    private readonly Mlp body;
    // Registered as buffers: they move and are disposed with the module.
    private readonly Tensor scale;
    private readonly Tensor bias;

    public DeterministicActor(Mlp body, ActionBounds bounds) : base(nameof(DeterministicActor))
    {
        if (body.Outputs != bounds.Size)
            throw new ArgumentException($"an actor over {bounds.Size} action dimensions needs {bounds.Size} outputs, the MLP has {body.Outputs}");
        this.body = body;
        Bounds = bounds;
        scale = bounds.ScaleTensor();
        bias = bounds.BiasTensor();
        RegisterComponents();
    }

    public ActionBounds Bounds { get; }

    public IReadOnlyList<Parameter> ParameterList => [.. parameters()];

    public override Tensor forward(Tensor observations)
    {
        using var scope = NewDisposeScope();
        return (body.forward(observations).tanh() * scale + bias).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Adds exploration noise in place: a_i ← clip(a_i + σ · scale_i · n, low_i, high_i), n ~ N(0, 1)
    /// from <paramref name="random"/>. <paramref name="actions"/> holds rows of the action size.
    /// </summary>
    public static void Explore(Span<float> actions, ActionBounds bounds, double sigma, Random random)
    {
        for (var i = 0; i < actions.Length; i++)
        {
            var d = i % bounds.Size;
            var noisy = actions[i] + sigma * bounds.Scale[d] * StandardNormal(random);
            actions[i] = (float)Math.Clamp(noisy, bounds.Low[d], bounds.High[d]);
        }
    }

    /// <summary>One N(0, 1) draw by the Box-Muller transform.</summary>
    public static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
