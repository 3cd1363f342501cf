namespace A3C.Host.Commands;

/// <summary>How <c>a3c node --role learner</c> differs from <c>a3c train</c>: it listens for worker nodes and starts <paramref name="LocalWorkers"/> itself.</summary>
/// <param name="Port">Overrides <c>a3c.remote.port</c> when given.</param>
internal sealed record LearnerNodeOptions(int? Port, int LocalWorkers);
