namespace A3C.Models.Environments.Wrappers;

/// <summary>Replaces each reward by its sign (-1, 0 or +1), the reward clipping of the DQN and A3C Atari papers.</summary>
public sealed class ClipReward<TObs> : EnvironmentWrapper<TObs>
    where TObs : unmanaged
{
    public ClipReward(IEnvironment<TObs> inner)
        : base(inner)
    {
    }

    public override StepResult Step(int action, Span<TObs> observation) => Clip(Inner.Step(action, observation));

    public override StepResult Step(ReadOnlySpan<float> action, Span<TObs> observation) => Clip(Inner.Step(action, observation));

    private static StepResult Clip(StepResult result) => result with { Reward = Math.Sign(result.Reward) };
}
