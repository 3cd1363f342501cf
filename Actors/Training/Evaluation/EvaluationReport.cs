using A3C.Models.Environments;

namespace A3C.Actors.Training.Evaluation;

/// <summary>The episodes <see cref="PolicyEvaluation"/> played, in order, and their statistics.</summary>
/// <param name="Episodes">Each episode's return and length, as the environment's statistics recorder saw them (unclipped, in frames).</param>
/// <param name="RenderedFrames">Frames written to the GIF; 0 when none was asked for.</param>
public sealed record EvaluationReport(IReadOnlyList<EpisodeStatistics> Episodes, int RenderedFrames)
{
    public Statistics Returns => Statistics.Of([.. Episodes.Select(episode => episode.Return)]);

    public Statistics Lengths => Statistics.Of([.. Episodes.Select(episode => (double)episode.Length)]);
}
