using System.Threading.Channels;
using A3C.Actors.Runtime;

namespace A3C.Actors.Tests.Runtime;

/// <summary>
/// A ref that records what it receives, for assertions. Watching through it records a
/// <see cref="Terminated"/> per death notification, so duplicates would show.
/// </summary>
public sealed class TestProbe(ActorSystem system, string name) : ActorRefBase
{
    /// <summary>A hang guard, not a speed expectation.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly Channel<(object Message, IActorRef? Sender)> _received = Channel.CreateUnbounded<(object, IActorRef?)>();

    public override ActorPath Path { get; } = ActorPath.RootOf(system.Address) / "probe" / name;

    public IActorRef? LastSender { get; private set; }

    public override void Tell(object message, IActorRef? sender) => _received.Writer.TryWrite((message, sender));

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification notification) _received.Writer.TryWrite((new Terminated(notification.Actor), notification.Actor));
    }

    public void Watch(IActorRef target) => ((ActorRefBase)target).SendSystemMessage(new Watch(target, this));

    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        (object Message, IActorRef? Sender) next;
        try
        {
            next = await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"Probe {Path.Name} got no {typeof(T).Name} within {(timeout ?? DefaultTimeout).TotalSeconds} s.");
        }
        LastSender = next.Sender;
        return next.Message is T typed
            ? typed
            : throw new Xunit.Sdk.XunitException($"Probe {Path.Name} expected {typeof(T).Name} but got {next.Message.GetType().Name}: {next.Message}");
    }

    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null)
    {
        var actual = await ExpectMsgAsync<T>(timeout);
        Assert.Equal(expected, actual);
        return actual;
    }

    /// <summary>Discards everything received so far; returns how many messages that was.</summary>
    public int Drain()
    {
        var count = 0;
        while (_received.Reader.TryRead(out _)) count++;
        return count;
    }

    /// <summary>Nothing is queued right now (after the caller has synchronised with the sender by other means).</summary>
    public void ExpectEmpty()
    {
        if (_received.Reader.TryRead(out var next))
            throw new Xunit.Sdk.XunitException($"Probe {Path.Name} expected no message but got {next.Message}.");
    }
}
