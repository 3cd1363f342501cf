namespace A3C.Models.Environments;

/// <summary>Which wrappers <see cref="EnvironmentRegistry.Make{TObs}"/> adds beyond the time limit and episode statistics.</summary>
public sealed record EnvironmentOptions
{
    public static EnvironmentOptions Default { get; } = new();

    /// <summary>For pixel games: repeat each action <see cref="FrameSkip"/> frames with max-pooling, then stack <see cref="FrameStack"/> frames.</summary>
    public bool PixelPreprocessing { get; init; } = true;

    public int FrameSkip { get; init; } = 4;

    public int FrameStack { get; init; } = 4;

    /// <summary>Replace rewards by their sign. Episode statistics still report the unclipped score.</summary>
    public bool ClipRewards { get; init; }

    /// <summary>Normalise vector observations with running statistics (float observations only).</summary>
    public bool NormalizeObservations { get; init; }

    /// <summary>Overrides the spec's time limit.</summary>
    public int? MaxEpisodeSteps { get; init; }
}
