namespace A3C.Actors.Runtime;

/// <summary>A one-shot ref that completes a task with the first message it receives (used by Ask).</summary>
internal sealed class PromiseActorRef(ActorPath path) : ActorRefBase
{
    private readonly TaskCompletionSource<object> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ActorPath Path { get; } = path;

    public override bool IsTerminated => _reply.Task.IsCompleted;

    public Task<object> Reply => _reply.Task;

    public override void Tell(object message, IActorRef? sender) => _reply.TrySetResult(message);

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
            ((ActorRefBase)watch.Watcher).SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false));
    }
}
