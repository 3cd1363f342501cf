using TorchSharp.Modules;
using static TorchSharp.torch;

namespace A3C.Models.Networks;

/// <summary>
/// The Atari A2C network: three convolutions (32x8/4, 64x4/2, 64x3/1) over 4x84x84 uint8 frames
/// scaled to [0, 1), then separate 512-unit policy and value heads.
/// </summary>
public sealed class AtariActorCritic : ActorCritic
{
    private readonly Sequential conv;
    private readonly Sequential policy;
    private readonly Sequential value;
    private readonly int[] _observationShape;

    /// <summary>Frames are scaled to [0, 1) by this before the first convolution.</summary>
    private const double FrameDivisor = 256.0;

    public AtariActorCritic(int channels, int actionCount, int height = 84, int width = 84) : base(nameof(AtariActorCritic))
    {
        ActionCount = actionCount;
        _observationShape = [channels, height, width];
        var convOutput = 64 * ConvolvedSize(height) * ConvolvedSize(width);
        conv = nn.Sequential(
            nn.Conv2d(channels, 32, 8, stride: 4), nn.ReLU(),
            nn.Conv2d(32, 64, 4, stride: 2), nn.ReLU(),
            nn.Conv2d(64, 64, 3, stride: 1), nn.ReLU(),
            nn.Flatten());
        policy = nn.Sequential(nn.Linear(convOutput, 512), nn.ReLU(), nn.Linear(512, actionCount));
        value = nn.Sequential(nn.Linear(convOutput, 512), nn.ReLU(), nn.Linear(512, 1));
        RegisterComponents();
    }

    public override int ActionCount { get; }

    public override Tensor forward(Tensor observations)
    {
        using var features = Features(observations);
        return policy.forward(features);
    }

    public override (Tensor Logits, Tensor Values) Evaluate(Tensor observations)
    {
        using var features = Features(observations);
        using var values = value.forward(features);
        return (policy.forward(features), values.squeeze(-1));
    }

    public override NetworkDescription Describe() => new("atari-actor-critic", _observationShape, ActionCount, Hidden: null, "relu", FrameDivisor,
        [.. named_parameters().Select(p => (p.name, p.parameter.shape))]);

    /// <summary>An image side after the three convolutions (7 for 84).</summary>
    private static int ConvolvedSize(int side)
    {
        var size = ((side - 8) / 4 + 1 - 4) / 2 + 1 - 3 + 1;
        return size >= 1 ? size : throw new ArgumentException($"frames of side {side} are too small for the Atari network (at least 36 pixels)");
    }

    private Tensor Features(Tensor observations)
    {
        using var scaled = observations.to_type(ScalarType.Float32).div_(FrameDivisor);
        return conv.forward(scaled);
    }
}
