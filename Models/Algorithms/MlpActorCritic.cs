using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Models.Algorithms;

/// <summary>For vector observations: one hidden ReLU layer shared by a policy head and a value head.</summary>
public sealed class MlpActorCritic : ActorCritic
{
    private readonly Linear _body;
    private readonly Linear _policy;
    private readonly Linear _value;

    public MlpActorCritic(int observationSize, int actionCount, int hidden = 128)
    {
        ActionCount = actionCount;
        _body = RegisterModule("body", new Linear(observationSize, hidden));
        _policy = RegisterModule("policy", new Linear(hidden, actionCount));
        _value = RegisterModule("value", new Linear(hidden, 1));
    }

    public override int ActionCount { get; }

    public override Tensor PolicyLogits(Tensor observations)
    {
        using var hidden = _body.Forward(observations).Relu();
        return _policy.Forward(hidden);
    }

    public override (Tensor Logits, Tensor Values) Evaluate(Tensor observations)
    {
        using var hidden = _body.Forward(observations).Relu();
        using var values = _value.Forward(hidden);
        return (_policy.Forward(hidden), values.Squeeze(-1));
    }
}
