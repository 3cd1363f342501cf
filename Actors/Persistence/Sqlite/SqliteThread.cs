using System.Collections.Concurrent;

namespace A3C.Actors.Persistence.Sqlite;

/// <summary>
/// The one thread a store's SQLite work runs on, in the order it was asked for.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite does its I/O synchronously, even behind its async methods, and a write can
/// wait on the disk (an fsync when the log is checkpointed into the file). On the shared thread pool
/// that wait took a thread from the actors, which on a small machine stalled training for as long as
/// the pool took to notice; on a thread of its own it costs the actors nothing but the CPU it uses.
/// </remarks>
internal sealed class SqliteThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;
    private int _disposed;

    public SqliteThread(string name)
    {
        _thread = new Thread(RunQueuedWork) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="work"/>; the task completes with its result on the thread pool, never on this thread.</summary>
    /// <exception cref="ObjectDisposedException">The store is closed.</exception>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _work.Add(() =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    result.TrySetCanceled(cancellationToken);
                    return;
                }

                try
                {
                    result.TrySetResult(work());
                }
                catch (OperationCanceledException e) when (e.CancellationToken == cancellationToken)
                {
                    result.TrySetCanceled(cancellationToken);
                }
                catch (Exception e)
                {
                    result.TrySetException(e);
                }
            }, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SqliteCheckpointStore), "The checkpoint store is closed.");
        }

        return result.Task;
    }

    /// <summary>Finishes the work already queued, then ends the thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    private void RunQueuedWork()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
