namespace A3C.Actors.Training;

/// <summary>A run that could not go on (the learner failed, say), with the cause.</summary>
public sealed class TrainingFailedException(string message, Exception? cause = null) : Exception(message, cause);
