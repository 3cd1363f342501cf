using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace A3C.Actors.Runtime;

/// <summary>
/// An actor's two queues and its turn on the thread pool. System messages (a lock-free queue)
/// always go before user messages (a channel, unbounded or bounded). The mailbox itself is the
/// thread-pool work item; a scheduled flag flipped with <see cref="Interlocked"/> ensures at most
/// one turn runs at a time, so the actor sees one message at a time and sending allocates nothing.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private readonly ChannelReader<Envelope> _reader;
    private readonly ChannelWriter<Envelope> _writer;
    private readonly ConcurrentQueue<SystemMessage> _systemMessages = new();
    private readonly MailboxSettings _settings;
    private readonly int _throughput;
    private readonly bool _preferLocalQueue;
    private ActorCell _cell = null!;

    // 1 while a turn is queued or running. Only the thread that flips it 0 -> 1 queues a turn.
    private int _scheduled;

    // Above zero while user messages must wait (failure awaiting the supervisor, async handler,
    // stopping). Written only inside a turn; read by the turn that follows.
    private int _suspendCount;

    private int _closed;

    public Mailbox(MailboxSettings settings, DispatcherSettings dispatcher)
    {
        _settings = settings;
        _throughput = dispatcher.Throughput;
        _preferLocalQueue = dispatcher.PreferLocalQueue;
        var channel = settings.Capacity is int capacity
            ? Channel.CreateBounded<Envelope>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            })
            // Not SingleReader: the single-reader variant cannot report its Count (mailbox depth),
            // and both read without a lock.
            : Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleReader = false });
        _reader = channel.Reader;
        _writer = channel.Writer;
    }

    public void Attach(ActorCell cell) => _cell = cell;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>User messages waiting; read by metrics observers from any thread.</summary>
    public int Depth => _reader.Count;

    /// <summary>Enqueues a user message; false if the mailbox is closed or (bounded) full.</summary>
    public bool Post(Envelope envelope)
    {
        if (!_writer.TryWrite(envelope)) return false;
        Schedule();
        return true;
    }

    /// <summary>Enqueues, waiting for space when bounded with backpressure; false if it ended in dead letters.</summary>
    public async ValueTask<bool> PostAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (_writer.TryWrite(envelope))
        {
            Schedule();
            return true;
        }
        if (_settings.Overflow == MailboxOverflow.DropToDeadLetters || IsClosed) return false;
        try
        {
            await _writer.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return false;
        }
        Schedule();
        return true;
    }

    public void PostSystem(SystemMessage message)
    {
        _systemMessages.Enqueue(message);
        if (IsClosed) DrainSystemMessagesAfterClose();
        else Schedule();
    }

    public void Suspend() => _suspendCount++;

    public void Resume()
    {
        if (_suspendCount > 0) _suspendCount--;
    }

    public void ResetSuspension() => _suspendCount = 0;

    /// <summary>Refuses further messages and hands back what was still queued.</summary>
    public void Close(Action<Envelope> toDeadLetters)
    {
        Interlocked.Exchange(ref _closed, 1);
        _writer.TryComplete();
        while (_reader.TryRead(out var envelope)) toDeadLetters(envelope);
        DrainSystemMessagesAfterClose();
    }

    private void DrainSystemMessagesAfterClose()
    {
        while (_systemMessages.TryDequeue(out var message)) _cell.SystemInvokeAfterStop(message);
    }

    /// <summary>
    /// Queues a turn unless one is queued or running. A turn woken by a message may go to the
    /// sending worker's local queue (the partner runs next, on a warm cache); a turn that follows
    /// our own always goes to the global queue, so a busy actor yields to the others as
    /// <c>throughput</c> intends instead of being popped again first from the local LIFO queue.
    /// </summary>
    private void Schedule(bool continuingOwnTurn = false)
    {
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, _preferLocalQueue && !continuingOwnTurn);
    }

    /// <summary>One turn: system messages, then up to <c>throughput</c> user messages.</summary>
    public void Execute()
    {
        var previous = ActorCell.Current;
        ActorCell.Current = _cell;
        try
        {
            ProcessSystemMessages();
            if (_suspendCount == 0 && !IsClosed) ProcessUserMessages();
        }
        finally
        {
            ActorCell.Current = previous;
            // Full fence before looking again: a sender that saw the flag still set relies on us
            // noticing its message here.
            Interlocked.Exchange(ref _scheduled, 0);
            if (HasWork()) Schedule(continuingOwnTurn: true);
        }
    }

    // Count, not TryPeek: peeking a ConcurrentQueue pins its segment, so every later segment is
    // a fresh allocation.
    private bool HasWork() =>
        !IsClosed && (!_systemMessages.IsEmpty || (_suspendCount == 0 && _reader.Count > 0));

    private void ProcessSystemMessages()
    {
        while (!IsClosed && _systemMessages.TryDequeue(out var message)) _cell.SystemInvoke(message);
    }

    private void ProcessUserMessages()
    {
        var cell = _cell;
        var metrics = cell.Metrics;
        var remaining = _throughput;
        while (remaining-- > 0 && _reader.TryRead(out var envelope))
        {
            if (metrics is null || !metrics.CountAndSample())
            {
                cell.Invoke(envelope);
            }
            else
            {
                var started = Stopwatch.GetTimestamp();
                cell.Invoke(envelope);
                metrics.RecordTime(Stopwatch.GetTimestamp() - started);
            }
            if (!_systemMessages.IsEmpty) ProcessSystemMessages();
            if (_suspendCount != 0 || IsClosed) return;
        }
    }
}
