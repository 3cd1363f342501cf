namespace A3C.Actors.Runtime;

internal sealed partial class ActorCell
{
    private Task? _asyncHandler;
    private ActorSynchronizationContext? _synchronizationContext;

    /// <summary>
    /// Runs an async handler. If it does not finish synchronously, user messages wait until it
    /// does; its continuations come back through the system queue so they run inside the actor.
    /// </summary>
    internal void RunAsync<T>(Func<T, Task> handler, T message)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext ??= new ActorSynchronizationContext(this));
        Task task;
        try
        {
            task = handler(message);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult(); // completed: rethrows a failure, never blocks
            return;
        }
        _asyncHandler = task;
        Mailbox.Suspend();
        task.ContinueWith(
            static (finished, state) => ((ActorCell)state!).Mailbox.PostSystem(new AsyncHandlerCompleted(finished)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void AsyncHandlerFinished(Task handler)
    {
        if (!ReferenceEquals(handler, _asyncHandler)) return; // a restart or stop abandoned it
        _asyncHandler = null;
        Mailbox.Resume();
        try
        {
            if (handler.IsFaulted || handler.IsCanceled) handler.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            if (!_isFailed)
            {
                _currentMessage = null;
                _currentSender = null;
            }
        }
    }

    private void RunContinuation(RunContinuation continuation)
    {
        if (_asyncHandler is null) return; // abandoned by a restart or stop
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void CancelAsyncHandler() => _asyncHandler = null;

    /// <summary>Posts an awaited handler's continuations back into the actor's mailbox.</summary>
    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback callback, object? state) =>
            cell.Mailbox.PostSystem(new RunContinuation(callback, state));

        public override void Send(SendOrPostCallback callback, object? state) =>
            throw new NotSupportedException("Synchronous Send would block the actor.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
