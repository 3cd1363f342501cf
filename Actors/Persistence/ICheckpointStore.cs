namespace A3C.Actors.Persistence;

/// <summary>A place that holds runs: each with a journal of events and a set of snapshots.</summary>
public interface ICheckpointStore : IAsyncDisposable
{
    IRunJournal Journal { get; }

    ISnapshotStore Snapshots { get; }

    /// <summary>Where the store keeps its data, for messages: a directory, or a server and database.</summary>
    string Location { get; }

    /// <summary>The names of the runs the store holds, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListRunsAsync(CancellationToken cancellationToken = default);
}
