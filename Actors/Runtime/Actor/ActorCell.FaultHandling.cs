using A3C.Actors.Runtime.Event;
using A3C.Actors.Runtime.Supervision;

namespace A3C.Actors.Runtime;

internal enum CellState
{
    Running,
    Restarting,
    Terminating,
    Terminated,
}

internal sealed partial class ActorCell
{
    private readonly Dictionary<string, ChildRestartStats> _childStats = new(StringComparer.Ordinal);
    private CellState _state;
    private bool _isFailed;
    private object? _failedMessage;
    private Exception? _restartCause;

    public bool IsTerminated => _state == CellState.Terminated;

    /// <summary>
    /// The actor threw: suspend user messages and ask the parent what to do. The failing message
    /// is not retried.
    /// </summary>
    private void HandleInvokeFailure(Exception cause)
    {
        if (_state >= CellState.Terminating || _isFailed)
        {
            Log(LogLevel.Error, cause, $"Exception while {(_isFailed ? "awaiting the supervisor's decision" : "stopping")}: {cause.Message}");
            return;
        }
        _isFailed = true;
        _failedMessage = _currentMessage;
        if (Metrics is not null) Metrics.Failures++;
        Mailbox.Suspend();
        Parent.SendSystemMessage(new Failed(Self, cause));
    }

    /// <summary>A child failed: apply this actor's supervisor strategy.</summary>
    private void HandleFailed(Failed failed)
    {
        if (_state >= CellState.Terminating) return;
        if (!_children.TryGetValue(failed.Child.Path.Name, out var child) || !child.Equals(failed.Child)) return;

        var stats = StatsOf(child);
        var decision = _strategy.Decide(failed.Cause);
        _strategy.LogFailure(System.EventStream, child, failed.Cause, decision, System.Settings.LogLevel);
        switch (decision)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(failed.Cause));
                break;
            case Directive.Escalate:
                // Fail ourselves with the same cause, so our own supervisor decides.
                HandleInvokeFailure(failed.Cause);
                break;
            default:
                var siblings = new List<(IActorRef Child, ChildRestartStats Stats)>();
                foreach (var sibling in _children.Values)
                    if (!_stoppingChildren.Contains(sibling)) siblings.Add((sibling, StatsOf(sibling)));
                _strategy.ProcessFailure(this, decision == Directive.Restart, child, failed.Cause, stats, siblings);
                break;
        }
    }

    private ChildRestartStats StatsOf(IActorRef child)
    {
        if (!_childStats.TryGetValue(child.Path.Name, out var stats))
            _childStats[child.Path.Name] = stats = new ChildRestartStats();
        return stats;
    }

    internal void RestartChild(IActorRef child, Exception cause) =>
        ((ActorRefBase)child).SendSystemMessage(new Recreate(cause));

    private void FaultResume()
    {
        if (!_isFailed) return;
        _isFailed = false;
        Mailbox.Resume();
    }

    /// <summary>
    /// Restart: PreRestart on the failed instance (which stops the children by default), wait
    /// for those children to stop, then a fresh instance and PostRestart.
    /// </summary>
    private void FaultRecreate(Exception cause)
    {
        if (_state >= CellState.Terminating) return;
        if (Metrics is not null) Metrics.Restarts++;
        _timers?.CancelAll();
        CancelAsyncHandler();

        var failed = _actor;
        if (failed is not null)
        {
            try
            {
                failed.PreRestart(cause, _failedMessage);
            }
            catch (Exception exception)
            {
                Log(LogLevel.Error, exception, $"PreRestart threw: {exception.Message}");
            }
        }
        _actor = null;
        _failedMessage = null;

        if (_stoppingChildren.Count == 0) FinishRecreate(cause);
        else
        {
            _state = CellState.Restarting;
            _restartCause = cause;
        }
    }

    private void FinishRecreate(Exception cause)
    {
        _state = CellState.Running;
        _restartCause = null;
        _isFailed = false;
        Mailbox.ResetSuspension();
        try
        {
            NewActor();
            _actor!.PostRestart(cause);
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(new ActorInitializationException(Path, "Exception during restart", exception));
        }
    }

    /// <summary>Stop: children first (their PostStop runs before ours), then ours, then tell watchers.</summary>
    private void BeginTerminate()
    {
        if (_state >= CellState.Terminating) return;
        _state = CellState.Terminating;
        _timers?.CancelAll();
        CancelAsyncHandler();
        Mailbox.Suspend();
        foreach (var child in _children.Values) Stop(child);
        if (_children.IsEmpty) FinishTerminate();
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.PostStop();
        }
        catch (Exception exception)
        {
            Log(LogLevel.Error, exception, $"PostStop threw: {exception.Message}");
        }
        finally
        {
            _state = CellState.Terminated;
            _actor = null;
            _receive = null;
            _behaviors.Clear();
            Mailbox.Close(envelope => System.PublishDeadLetter(envelope.Message, envelope.Sender, Self));
            // The parent first: by the time a watching parent sees Terminated, the name is free again.
            Parent.SendSystemMessage(new ChildTerminated(Self));
            TellWatchersWeDied();
            UnwatchWatchedActors();
        }
    }

    internal void Log(LogLevel level, Exception? cause, string message)
    {
        if (level >= System.Settings.LogLevel)
            System.EventStream.Publish(new LogEvent(level, DateTimeOffset.UtcNow, Path.ToString(), ActorType, message, cause));
    }
}
