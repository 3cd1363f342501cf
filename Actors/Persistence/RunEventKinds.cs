namespace A3C.Actors.Persistence;

/// <summary>The kinds of journal events a training run records.</summary>
public static class RunEventKinds
{
    public const string Started = "started";
    public const string Checkpointed = "checkpointed";
    public const string WorkerJoined = "worker-joined";
    public const string WorkerLeft = "worker-left";
    public const string WorkerRestarted = "worker-restarted";
    public const string Stopped = "stopped";
}
