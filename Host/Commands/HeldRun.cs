using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;

namespace A3C.Host.Commands;

/// <summary>
/// A run this process trains, held so no other process writes it meanwhile, and its checkpoint
/// database checked and ready. SQLite holds <c>train.lock</c> in the run's folder (which also proves
/// the folder writable); PostgreSQL an advisory lock naming this process. Taken before any
/// checkpoint is read, released last, once the final snapshot is stored.
/// </summary>
internal sealed class HeldRun : IAsyncDisposable
{
    private readonly IDisposable? _lock;
    private readonly IAsyncDisposable? _lease;

    private HeldRun(Akka.Configuration.Config persistenceConfig, string holder, IDisposable? runLock, IAsyncDisposable? lease)
    {
        PersistenceConfig = persistenceConfig;
        Holder = holder;
        _lock = runLock;
        _lease = lease;
    }

    /// <summary>The Akka configuration that puts the training system's journal and snapshot store on the run's database.</summary>
    public Akka.Configuration.Config PersistenceConfig { get; }

    /// <summary>This process, as the lock names it.</summary>
    public string Holder { get; }

    /// <param name="existing">True to continue a stored run (it must exist), false to start a new one (it must not).</param>
    /// <exception cref="RunNotFoundException">Continuing a run the store does not hold.</exception>
    /// <exception cref="PersistenceException">Another process holds the run, the name is taken, or the store cannot be written.</exception>
    public static async Task<HeldRun> TakeAsync(PersistenceOptions options, string run, bool existing, CancellationToken cancellation)
    {
        RunName.Validate(run);
        if (options.Provider == PersistenceProvider.Sqlite)
        {
            var folder = Path.Combine(options.Directory, run);
            var stored = SqliteCheckpointFile.Runs(options.Directory).Contains(run, StringComparer.Ordinal);
            if (existing && !stored) throw new RunNotFoundException(run, Path.GetFullPath(options.Directory), SqliteCheckpointFile.Runs(options.Directory));
            if (!existing && stored) throw Taken(run, Path.GetFullPath(options.Directory), RunLock.FindHolder(folder));
            var runLock = RunLock.Acquire(folder);
            try
            {
                await CheckpointStore.PrepareAsync(options, run, create: true, cancellation);
                return new HeldRun(CheckpointStore.ConfigFor(options, run), runLock.Holder, runLock, null);
            }
            catch
            {
                runLock.Dispose();
                throw;
            }
        }

        await CheckpointStore.PrepareAsync(options, run, create: true, cancellation);
        var lease = await PostgresRunLease.AcquireAsync(options.ConnectionString!, run, cancellation);
        try
        {
            await using (var store = await CheckpointStore.OpenAsync(options, run, create: true, cancellation))
            {
                var runs = await store.Reader.RunsAsync(cancellation);
                if (existing && !runs.Contains(run, StringComparer.Ordinal)) throw new RunNotFoundException(run, store.Location, runs);
                if (!existing && runs.Contains(run, StringComparer.Ordinal)) throw Taken(run, store.Location, holder: null);
            }
            return new HeldRun(CheckpointStore.ConfigFor(options, run), lease.Holder, null, lease);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null) await _lease.DisposeAsync();
        _lock?.Dispose();
    }

    private static PersistenceException Taken(string run, string location, string? holder) => new(holder is null
        ? $"run '{run}' already exists in {location}; continue it with --resume {run}, or start a new one with --run NAME."
        : $"run '{run}' in {location} is being trained now by {holder}; start a new one with --run NAME.");
}
