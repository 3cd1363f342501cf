using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace A3C.Actors.Persistence;

/// <summary>
/// Writes snapshots in the background, in the order they were handed over, so the learner never
/// waits on a disk. A slow store shows up as queue depth, write duration and coalesced snapshots,
/// never as a stall in <see cref="Enqueue"/>.
/// </summary>
/// <remarks>
/// Metrics are published on the meter "A3C.Persistence", tagged with the run, and mirrored by the
/// properties. <see cref="DisposeAsync"/> drains everything still queued.
/// </remarks>
public sealed class SnapshotWriter : IAsyncDisposable
{
    public const string MeterName = "A3C.Persistence";

    private readonly ISnapshotStore _store;
    private readonly SnapshotWriterOptions _options;
    private readonly Action<SnapshotWritten>? _onWritten;
    private readonly Action<SnapshotWriteFailure>? _onFailure;
    private readonly Channel<Snapshot> _queue;
    private readonly Task _writeLoop;
    private readonly Meter _meter;
    private readonly Histogram<double> _writeSeconds;
    private readonly Counter<long> _bytesWritten;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _coalesced;

    // Flush bookkeeping: a snapshot is settled once written, failed or coalesced.
    private readonly Lock _progressLock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushWaiters = [];
    private long _accepted;
    private long _settled;

    private long _totalBytesWritten;
    private long _snapshotsWritten;
    private long _failureCount;
    private long _coalescedCount;
    private long _lastWriteTicks = -1;
    private SnapshotWriteFailure? _lastFailure;

    /// <param name="onWritten">Told about each snapshot stored (and pruned), on the writer's background task.</param>
    /// <param name="onFailure">Told about each failed write or prune, on the writer's background task.</param>
    /// <param name="meterFactory">Creates the meter when running under dependency injection; otherwise the writer owns one.</param>
    public SnapshotWriter(
        ISnapshotStore store,
        SnapshotWriterOptions? options = null,
        Action<SnapshotWritten>? onWritten = null,
        Action<SnapshotWriteFailure>? onFailure = null,
        IMeterFactory? meterFactory = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new SnapshotWriterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxQueued, 1, "options.MaxQueued");
        if (_options.KeepLast is < 1)
        {
            throw new ArgumentOutOfRangeException(
                "options.KeepLast", _options.KeepLast, "KeepLast must be at least 1, or null to keep every snapshot.");
        }

        _onWritten = onWritten;
        _onFailure = onFailure;
        _queue = Channel.CreateBounded<Snapshot>(
            new BoundedChannelOptions(_options.MaxQueued)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            OnCoalesced);

        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge(
            "a3c.persistence.snapshot.queue_depth", () => QueueDepth, "{snapshot}", "Snapshots waiting to be written.");
        _writeSeconds = _meter.CreateHistogram<double>(
            "a3c.persistence.snapshot.write_duration", "s", "Time to store one snapshot.");
        _bytesWritten = _meter.CreateCounter<long>(
            "a3c.persistence.snapshot.bytes_written", "By", "Blob bytes of the snapshots stored.");
        _writes = _meter.CreateCounter<long>(
            "a3c.persistence.snapshot.writes", "{snapshot}", "Snapshots stored.");
        _failures = _meter.CreateCounter<long>(
            "a3c.persistence.snapshot.failures", "{snapshot}", "Snapshots that could not be stored or pruned.");
        _coalesced = _meter.CreateCounter<long>(
            "a3c.persistence.snapshot.coalesced", "{snapshot}", "Snapshots dropped unwritten because a newer one replaced them.");

        // Task.Run: the loop never runs on (or captures) the context of whoever created the writer.
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Snapshots accepted but not yet being written.</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>How long the most recent successful write took; null before the first.</summary>
    public TimeSpan? LastWriteDuration =>
        Interlocked.Read(ref _lastWriteTicks) is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;

    public long BytesWritten => Interlocked.Read(ref _totalBytesWritten);

    public long SnapshotsWritten => Interlocked.Read(ref _snapshotsWritten);

    public long Failures => Interlocked.Read(ref _failureCount);

    /// <summary>Snapshots dropped unwritten because a newer one arrived while the queue was full.</summary>
    public long Coalesced => Interlocked.Read(ref _coalescedCount);

    public SnapshotWriteFailure? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>
    /// Queues a snapshot and returns at once. The writer now owns the snapshot's buffers: hand over a
    /// completed copy and do not change it afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot cannot be stored (bad run name, malformed metadata).</exception>
    /// <exception cref="ObjectDisposedException">The writer is shutting down.</exception>
    public void Enqueue(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.Validate();
        Interlocked.Increment(ref _accepted);
        if (!_queue.Writer.TryWrite(snapshot))
        {
            Interlocked.Decrement(ref _accepted);
            throw new ObjectDisposedException(nameof(SnapshotWriter), "The snapshot writer is shutting down and accepts no more snapshots.");
        }
    }

    /// <summary>Completes once every snapshot enqueued before the call is written, failed or coalesced.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_progressLock)
        {
            var target = Interlocked.Read(ref _accepted);
            if (_settled >= target)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Add((target, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops accepting snapshots, writes the ones still queued, then releases the meter.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writeLoop.ConfigureAwait(false);
        _meter.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var snapshot in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await WriteAsync(snapshot).ConfigureAwait(false);
            }
            finally
            {
                Settle();
            }
        }
    }

    private async Task WriteAsync(Snapshot snapshot)
    {
        var runTag = new KeyValuePair<string, object?>("run", snapshot.Run);
        try
        {
            var started = Stopwatch.GetTimestamp();
            // Retention goes with the write, so a store can do both in one transaction.
            if (_options.KeepLast is { } keepLast)
            {
                await _store.SaveAndPruneAsync(snapshot, keepLast).ConfigureAwait(false);
            }
            else
            {
                await _store.SaveAsync(snapshot).ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var bytes = snapshot.BlobBytes;
            Interlocked.Exchange(ref _lastWriteTicks, elapsed.Ticks);
            Interlocked.Add(ref _totalBytesWritten, bytes);
            Interlocked.Increment(ref _snapshotsWritten);
            _writeSeconds.Record(elapsed.TotalSeconds, runTag);
            _bytesWritten.Add(bytes, runTag);
            _writes.Add(1, runTag);
            _onWritten?.Invoke(new SnapshotWritten(snapshot.Run, snapshot.SequenceNr, bytes, elapsed));
        }
        catch (Exception e)
        {
            // A failed write must not end the loop: the next snapshot may well succeed.
            Report(new SnapshotWriteFailure(snapshot.Run, snapshot.SequenceNr, e), runTag);
        }
    }

    private void Report(SnapshotWriteFailure failure, KeyValuePair<string, object?> runTag)
    {
        Volatile.Write(ref _lastFailure, failure);
        Interlocked.Increment(ref _failureCount);
        _failures.Add(1, runTag);
        try
        {
            _onFailure?.Invoke(failure);
        }
        catch (Exception callbackError)
        {
            // A faulty callback must not stop checkpointing; its error stays visible beside the write's.
            Volatile.Write(ref _lastFailure, failure with { Error = new AggregateException(failure.Error, callbackError) });
        }
    }

    // Called by the channel, under its lock, for the snapshot a newer one pushed out.
    private void OnCoalesced(Snapshot dropped)
    {
        Interlocked.Increment(ref _coalescedCount);
        _coalesced.Add(1, new KeyValuePair<string, object?>("run", dropped.Run));
        Settle();
    }

    private void Settle()
    {
        List<TaskCompletionSource>? released = null;
        lock (_progressLock)
        {
            _settled++;
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (_flushWaiters[i].Target <= _settled)
                {
                    (released ??= []).Add(_flushWaiters[i].Done);
                    _flushWaiters.RemoveAt(i);
                }
            }
        }

        released?.ForEach(done => done.TrySetResult());
    }
}
