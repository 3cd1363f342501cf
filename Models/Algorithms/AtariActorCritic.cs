using A3C.LibTorch;
using A3C.LibTorch.Nn;

namespace A3C.Models.Algorithms;

/// <summary>
/// The Atari A2C network: three convolutions (32x8/4, 64x4/2, 64x3/1) over 4x84x84 uint8 frames
/// scaled to [0, 1), then separate 512-unit policy and value heads.
/// </summary>
public sealed class AtariActorCritic : ActorCritic
{
    private const int ConvOutput = 64 * 7 * 7;

    private readonly Sequential _conv;
    private readonly Sequential _policy;
    private readonly Sequential _value;

    public AtariActorCritic(int channels, int actionCount)
    {
        ActionCount = actionCount;
        _conv = RegisterModule("conv", new Sequential(
            new Conv2d(channels, 32, 8, stride: 4), new ReLU(),
            new Conv2d(32, 64, 4, stride: 2), new ReLU(),
            new Conv2d(64, 64, 3, stride: 1), new ReLU(),
            new Flatten()));
        _policy = RegisterModule("policy", new Sequential(new Linear(ConvOutput, 512), new ReLU(), new Linear(512, actionCount)));
        _value = RegisterModule("value", new Sequential(new Linear(ConvOutput, 512), new ReLU(), new Linear(512, 1)));
    }

    public override int ActionCount { get; }

    public override Tensor PolicyLogits(Tensor observations)
    {
        using var scaled = observations.To(ScalarType.Float32) / 256.0;
        using var features = _conv.Forward(scaled);
        return _policy.Forward(features);
    }

    public override (Tensor Logits, Tensor Values) Evaluate(Tensor observations)
    {
        using var scaled = observations.To(ScalarType.Float32) / 256.0;
        using var features = _conv.Forward(scaled);
        using var values = _value.Forward(features);
        return (_policy.Forward(features), values.Squeeze(-1));
    }
}
