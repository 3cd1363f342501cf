using A3C.Actors.Persistence;

namespace A3C.Actors.Tests.Persistence;

/// <summary>
/// A snapshot store whose writes wait for the test to open a gate: a disk as slow as the test
/// wants, without timing. It records the order writes arrive in and can be told to fail some.
/// </summary>
internal sealed class GatedSnapshotStore : ISnapshotStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _firstWriteStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<long> _written = [];

    public HashSet<long> Failing { get; } = [];

    public IReadOnlyList<long> Written
    {
        get
        {
            lock (_written)
            {
                return [.. _written];
            }
        }
    }

    /// <summary>Completes, with its sequence number, when the first write reaches the store.</summary>
    public Task<long> FirstWriteStarted => _firstWriteStarted.Task;

    public void Open() => _gate.TrySetResult();

    public async Task SaveAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
    {
        _firstWriteStarted.TrySetResult(snapshot.SequenceNr);
        await _gate.Task.WaitAsync(cancellationToken);
        if (Failing.Contains(snapshot.SequenceNr))
        {
            throw new IOException($"disk full while writing {snapshot.SequenceNr}");
        }

        lock (_written)
        {
            _written.Add(snapshot.SequenceNr);
        }
    }

    public Task<IReadOnlyList<long>> PruneAsync(string run, int keepLast, long? knownValid = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<long>>([]);

    public Task<SnapshotLoadResult> LoadLatestValidAsync(
        string run, Action<SnapshotProblem>? onProblem = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Snapshot> LoadAsync(string run, long sequenceNr, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<SnapshotInfo>> ListAsync(
        string run, bool verify = true, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
