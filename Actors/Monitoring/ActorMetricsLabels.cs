namespace A3C.Actors.Monitoring;

/// <summary>
/// What every series of one actor system carries besides the actor's own path and type, so the
/// series of two runs published on one port are told apart.
/// </summary>
/// <param name="Run">The run's name.</param>
/// <param name="Environment">The environment trained on, e.g. <c>CartPole-v1</c>.</param>
/// <param name="Mode">How the run trains, as its config says: <c>a2c</c>, <c>a3c-data</c>, <c>a3c-grad</c>.</param>
public sealed record ActorMetricsLabels(string Run, string Environment, string Mode);
