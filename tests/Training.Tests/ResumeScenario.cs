using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;
using A3C.Actors.Training.Messages;

namespace A3C.Training.Tests;

/// <summary>
/// Train, resume from the newest checkpoint, and check the second run carried on from it: the same
/// steps against every store.
/// </summary>
internal static class ResumeScenario
{
    public const string Run = "cartpole";

    /// <param name="minPeriod">HOCON duration; 0 takes every snapshot the interval asks for.</param>
    public static TrainingRecipe CartPole(long maxFrames, int checkpointInterval = 10, string extra = "", string minPeriod = "0s") =>
        Recipes.CartPole("a2c", maxFrames,
                $"a3c.persistence {{ checkpoint-interval = {checkpointInterval}, checkpoint-min-period = {minPeriod}, keep = 3 }}\n{extra}")
            with { RunName = Run };

    public static async Task ResumeContinuesCountersFromTheStoredStateAsync(RunStore runs)
    {
        await runs.TrainAsync(CartPole(maxFrames: 4_000));
        var point = await runs.LoadLatestAsync(Run);

        var firstReport = (TrainingProgress?)null;
        var resumed = await runs.TrainAsync(CartPole(maxFrames: 8_000) with { ResumeFrom = point },
            onProgress: progress => Interlocked.CompareExchange(ref firstReport, progress, null));

        // The counters go on from the checkpoint rather than from zero.
        Assert.NotNull(firstReport);
        Assert.True(firstReport.Frames >= point.Counters.Frames, $"first report after resuming counts {firstReport.Frames} frames");
        Assert.True(firstReport.Episodes >= point.Counters.Episodes);
        Assert.Equal(StopReason.FrameBudgetSpent, resumed.Reason);
        Assert.True(resumed.Progress.Updates > point.SequenceNr, $"{resumed.Progress.Updates} updates after resuming from {point.SequenceNr}");
        Assert.InRange(resumed.Progress.Frames, 8_000, 8_000 + 64);

        // The journal tells both starts, the second one resumed from the checkpoint's step.
        var started = (await runs.EventsAsync(Run)).OfType<RunStarted>().ToList();
        Assert.Equal([null, point.SequenceNr], started.Select(s => s.ResumedFromStep));

        // The run goes on in the same place: its newest checkpoint is the resumed run's final one.
        var newest = await runs.LoadLatestAsync(Run);
        Assert.Equal(resumed.Progress.Updates, newest.SequenceNr);
        Assert.Equal(resumed.Progress.Frames, newest.Counters.Frames);
        Assert.Empty(runs.WriteProblems);
    }
}
