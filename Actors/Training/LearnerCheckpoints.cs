using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using A3C.Actors.Persistence;
using A3C.Models.Algorithms;
using A3C.Models.Networks;

namespace A3C.Actors.Training;

/// <summary>
/// The learner's link to the checkpoint store: it snapshots weights, Adam state and counters every
/// <c>checkpoint-interval</c> updates (at most one per <c>checkpoint-min-period</c>) and once more at
/// shutdown, and journals what happens to the run.
/// </summary>
/// <remarks>
/// The learner only pays for copying its state to bytes: snapshots go to a background
/// <see cref="SnapshotWriter"/> and journal events to a queue written in order, in batches, by a background task,
/// so no call here waits on the store. <see cref="DisposeAsync"/> (after the actor system has stopped)
/// drains both, so the final snapshot is stored before the process exits.
/// </remarks>
public sealed class LearnerCheckpoints : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Journal events are stored in batches, one transaction at most this often: at CartPole's dozens
    // of checkpoints a second, a transaction per event cost more than the snapshots themselves.
    private static readonly TimeSpan JournalBatchInterval = TimeSpan.FromMilliseconds(250);

    private readonly ICheckpointStore _store;
    private readonly TrainingRecipe _recipe;
    private readonly Action<string>? _onProblem;
    private readonly SnapshotWriter _writer;
    private readonly CheckpointMetadataWriter _metadata;
    private readonly Channel<RunEvent> _journal = Channel.CreateUnbounded<RunEvent>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _journalLoop;
    private long _lastSavedVersion = -1;
    private long? _lastSavedAt;
    private RunEvent? _stopped;
    private volatile bool _lastStored;
    private bool _disposed;

    // Serialised to JSON on the journal's task, not the learner's.
    private sealed record RunEvent(string Kind, object Payload, DateTimeOffset Timestamp);

    /// <param name="onProblem">Told about a snapshot or journal event that could not be written; training goes on.</param>
    public LearnerCheckpoints(ICheckpointStore store, TrainingRecipe recipe, Action<string>? onProblem = null)
    {
        _store = store;
        _recipe = recipe;
        _onProblem = onProblem;
        _metadata = new CheckpointMetadataWriter(recipe.ConfigText, recipe.Training.Mode.ToString(), recipe.Environment.Id);
        _writer = new SnapshotWriter(store.Snapshots, new SnapshotWriterOptions(KeepLast: recipe.Persistence.Keep),
            onWritten: written =>
            {
                _lastStored = true;
                Record(RunEventKinds.Checkpointed,
                    new { step = written.SequenceNr, bytes = written.Bytes, milliseconds = written.Duration.TotalMilliseconds });
            },
            onFailure: failure =>
            {
                _lastStored = false;
                _onProblem?.Invoke($"snapshot {failure.SequenceNr} of run '{failure.Run}' could not be stored or pruned: {failure.Error.Message}");
            });
        _journalLoop = Task.Run(WriteJournalAsync);
    }

    public string Run => _recipe.RunName;

    /// <summary>
    /// Once disposed: whether the final snapshot (the last one queued, <see cref="Stopped"/>'s) was
    /// stored; null when the learner never stopped. The writer reports in queue order, so the last
    /// report is the final snapshot's.
    /// </summary>
    public bool? FinalSnapshotStored { get; private set; }

    /// <summary>The step of the final snapshot; null when the learner never stopped.</summary>
    public long? FinalStep { get; private set; }

    /// <summary>Journals the start of the run, with a digest of the state it starts from.</summary>
    public void Started(long version, ActorCritic net, GradientStep optimizer, ProgressTracker progress) =>
        Record(RunEventKinds.Started, new
        {
            mode = _recipe.Training.Mode.ToString(),
            environment = _recipe.Environment.Id,
            workers = _recipe.Training.Workers,
            resumedFrom = _recipe.ResumeFrom?.SequenceNr,
            initializedFrom = _recipe.InitFrom?.Source,
            updates = version,
            frames = progress.Frames,
            episodes = progress.Episodes,
            weightsSha256 = Convert.ToHexStringLower(SHA256.HashData(NetworkState.SaveWeights(net))),
        });

    public void WorkerRegistered(int index, bool restarted) =>
        Record(restarted ? RunEventKinds.WorkerRestarted : RunEventKinds.WorkerJoined, new { worker = index });

    /// <summary>
    /// After each update: snapshots when <paramref name="version"/> is a multiple of the interval and
    /// the minimum period has passed since the previous snapshot.
    /// </summary>
    public void Updated(long version, ActorCritic net, GradientStep optimizer, ProgressTracker progress)
    {
        var persistence = _recipe.Persistence;
        // A skipped update leaves the version where it was: one snapshot per version.
        if (persistence.CheckpointInterval > 0 && version % persistence.CheckpointInterval == 0 && version != _lastSavedVersion &&
            (_lastSavedAt is not { } last || Stopwatch.GetElapsedTime(last) >= persistence.CheckpointMinPeriod))
        {
            Save(version, net, optimizer, progress);
        }
    }

    /// <summary>
    /// At shutdown: the final snapshot and the stopped event. When the last update was already
    /// snapshotted, that snapshot is stored again: the weights are the same, but frames and
    /// episodes counted since then belong in it.
    /// </summary>
    public void Stopped(string reason, long version, ActorCritic net, GradientStep optimizer, ProgressTracker progress)
    {
        Save(version, net, optimizer, progress);
        FinalStep = version;
        // Journalled once the writer has drained, so it follows the final checkpoint.
        _stopped = new RunEvent(RunEventKinds.Stopped,
            new { reason, updates = version, frames = progress.Frames, episodes = progress.Episodes }, DateTimeOffset.UtcNow);
    }

    /// <summary>Waits for every queued snapshot and journal event to be stored (or reported as failed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return; // the host disposes it to read the outcome, and again on its way out
        _disposed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
        if (FinalStep is not null) FinalSnapshotStored = _lastStored;
        if (_stopped is { } stopped) _journal.Writer.TryWrite(stopped);
        _journal.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false); // No more waiting for events to gather.
        await _journalLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void Save(long version, ActorCritic net, GradientStep optimizer, ProgressTracker progress)
    {
        _lastSavedVersion = version;
        _lastSavedAt = Stopwatch.GetTimestamp();
        var meanReward = progress.MeanReward;
        _writer.Enqueue(new Snapshot(Run, version, DateTimeOffset.UtcNow,
            new SnapshotCounters(version, progress.Frames, progress.Episodes), _metadata.ToJson(double.IsFinite(meanReward) ? meanReward : null),
            new Dictionary<string, ReadOnlyMemory<byte>>
            {
                [ResumePoint.WeightsBlob] = NetworkState.SaveWeights(net),
                [ResumePoint.OptimizerBlob] = optimizer.SaveState(),
            }));
    }

    private void Record(string kind, object payload) =>
        _journal.Writer.TryWrite(new RunEvent(kind, payload, DateTimeOffset.UtcNow));

    private async Task WriteJournalAsync()
    {
        var events = _journal.Reader;
        while (await events.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = new List<JournalEntry>();
            while (events.TryRead(out var runEvent))
            {
                batch.Add(new JournalEntry(runEvent.Kind, JsonSerializer.Serialize(runEvent.Payload, Json), runEvent.Timestamp));
            }

            try
            {
                await _store.Journal.AppendAllAsync(Run, batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Lost journal lines must not stop training; the snapshots carry what resuming needs.
                _onProblem?.Invoke($"journal events of run '{Run}' ({string.Join(", ", batch.Select(entry => entry.Kind))}) " +
                                   $"were not stored: {e.Message}");
            }

            try
            {
                await Task.Delay(JournalBatchInterval, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Disposing: write what is left at once.
            }
        }
    }
}
