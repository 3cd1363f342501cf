namespace A3C.Actors.Training.Settings;

/// <summary>How workers and the learner share the work of an update.</summary>
public enum TrainingMode
{
    /// <summary>Synchronous: one update from the experience of every worker at one weight version.</summary>
    A2C,

    /// <summary>Data-parallel A3C: workers send experience as they go; the learner trains on it as it arrives.</summary>
    A3CData,

    /// <summary>Gradient-parallel A3C: workers compute gradients; the learner sums a few packets and steps.</summary>
    A3CGrad,
}
