using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// For vector observations: one hidden ReLU layer shared by a policy head and a value head.
/// Parameters, in order: body.weight [H, I], body.bias [H], policy.weight [A, H], policy.bias [A],
/// value.weight [1, H], value.bias [1].
/// </summary>
public sealed class MlpActorCritic : ActorCritic
{
    private readonly Linear body;
    private readonly Linear policy;
    private readonly Linear value;

    public MlpActorCritic(int observationSize, int actionCount, int hidden = 128) : base(nameof(MlpActorCritic))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        (Inputs, ActionCount, Hidden) = (observationSize, actionCount, hidden);
        body = nn.Linear(observationSize, hidden);
        policy = nn.Linear(hidden, actionCount);
        value = nn.Linear(hidden, 1);
        RegisterComponents();
    }

    public int Inputs { get; }

    public int Hidden { get; }

    public override int ActionCount { get; }

    public override Tensor forward(Tensor observations)
    {
        using var hidden = nn.functional.relu(body.forward(observations));
        return policy.forward(hidden);
    }

    public override (Tensor Logits, Tensor Values) Evaluate(Tensor observations)
    {
        using var hidden = nn.functional.relu(body.forward(observations));
        using var values = value.forward(hidden);
        return (policy.forward(hidden), values.squeeze(-1));
    }

    public override NetworkDescription Describe() => new("mlp-actor-critic", [Inputs], ActionCount, Hidden, "relu", ObservationDivisor: 1,
        [.. named_parameters().Select(p => (p.name, p.parameter.shape))]);
}
