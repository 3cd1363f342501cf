namespace A3C.Models.Algorithms;

/// <summary>The A2C loss's knobs (Mnih et al. 2016; values as in the Atari recipe by default).</summary>
public sealed record A2CHyperparameters
{
    /// <summary>Discount factor.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>Steps summed into one n-step return before bootstrapping from V.</summary>
    public int RewardSteps { get; init; } = 4;

    /// <summary>Weight of the entropy bonus that keeps the policy exploring.</summary>
    public double EntropyBeta { get; init; } = 0.01;

    /// <summary>Weight of the value loss in the total loss.</summary>
    public double ValueCoefficient { get; init; } = 1.0;

    /// <summary>Gradients are clipped to this joint L2 norm.</summary>
    public double ClipGradNorm { get; init; } = 0.1;
}
