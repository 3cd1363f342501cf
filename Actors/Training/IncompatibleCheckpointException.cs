namespace A3C.Actors.Training;

/// <summary>
/// Stored weights (a learner snapshot, or an export given to <c>--init-from</c>) cannot be loaded
/// into the network a config builds: its shapes differ.
/// </summary>
public sealed class IncompatibleCheckpointException(string message, Exception? innerException = null)
    : Exception(message, innerException);
