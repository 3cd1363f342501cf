namespace A3C.Actors.Training;

/// <summary>A stored learner state cannot be loaded into the network a config builds (its shapes differ).</summary>
public sealed class IncompatibleCheckpointException(string message, Exception innerException)
    : Exception(message, innerException);
