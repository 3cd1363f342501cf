using System.Diagnostics;
using Akka.Actor;
using A3C.Actors.Training.Messages;
using A3C.Models.Algorithms;
using A3C.Models.Environments;

namespace A3C.Actors.Training;

/// <summary>
/// The learner's running figures: frames, updates, the mean return and length of the last
/// episodes, rates, staleness, skipped updates and the learning rate, turned into a
/// <see cref="TrainingProgress"/> on demand.
/// </summary>
public sealed class ProgressTracker(int rewardWindow, double learningRate)
{
    private readonly Queue<EpisodeStatistics> _recentEpisodes = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _windowReturnSum;
    private long _windowLengthSum;
    private double _stalenessSum;
    private long _stalenessCount;
    private (TimeSpan Time, long Frames, long Updates) _lastRate;
    private long _inferenceBatches, _inferenceRequests, _inferenceObservations;
    private readonly Dictionary<Address, (long Frames, long FramesAtLastRate)> _nodes = [];

    public long Frames { get; private set; }
    public long Updates { get; private set; }
    public long Episodes { get; private set; }
    public long SkippedUpdates { get; private set; }
    public long WorkerRestarts { get; private set; }
    public A2CStatistics? Last { get; private set; }

    /// <summary>The optimizer's learning rate, carried by every record; set it when a schedule changes it.</summary>
    public double LearningRate { get; set; } = learningRate;

    /// <summary>Mean return over the last <c>rewardWindow</c> episodes (NaN before the first).</summary>
    public double MeanReward => _recentEpisodes.Count == 0 ? double.NaN : _windowReturnSum / _recentEpisodes.Count;

    /// <summary>Mean length of the same episodes (NaN before the first).</summary>
    public double MeanEpisodeLength => _recentEpisodes.Count == 0 ? double.NaN : (double)_windowLengthSum / _recentEpisodes.Count;

    /// <summary>True once a full window of episodes has been seen, so the mean is a fair estimate.</summary>
    public bool WindowFull => _recentEpisodes.Count >= rewardWindow;

    /// <summary>Counts a worker's report; <paramref name="node"/> (the worker's address) is credited with its frames.</summary>
    public void Record(WorkerReport report, Address? node = null)
    {
        Frames += report.Frames;
        if (node is not null)
        {
            var (frames, atLastRate) = _nodes.GetValueOrDefault(node);
            _nodes[node] = (frames + report.Frames, atLastRate);
        }
        WorkerRestarts += report.EnvironmentRestarts;
        foreach (var episode in report.Episodes)
        {
            Episodes++;
            _recentEpisodes.Enqueue(episode);
            _windowReturnSum += episode.Return;
            _windowLengthSum += episode.Length;
            if (_recentEpisodes.Count <= rewardWindow) continue;
            var dropped = _recentEpisodes.Dequeue();
            _windowReturnSum -= dropped.Return;
            _windowLengthSum -= dropped.Length;
        }
    }

    public void RecordUpdate(A2CStatistics statistics, long staleness)
    {
        Updates++;
        Last = statistics;
        _stalenessSum += staleness;
        _stalenessCount++;
    }

    public void RecordSkippedUpdate() => SkippedUpdates++;

    public void Record(InferenceReport report)
    {
        _inferenceBatches += report.Batches;
        _inferenceRequests += report.Requests;
        _inferenceObservations += report.Observations;
    }

    /// <summary>Carries on the counters of a resumed run; rates start afresh from them.</summary>
    public void ContinueFrom(long updates, long frames, long episodes)
    {
        (Updates, Frames, Episodes) = (updates, frames, episodes);
        _lastRate = (_clock.Elapsed, frames, updates);
    }

    public void RecordWorkerRestart() => WorkerRestarts++;

    /// <summary>
    /// The figures now. Rates are measured since the last call whose frames had moved, not merely
    /// the last call: a slow learner is asked every second but moves its frames less often, and the
    /// scalar files keep only records whose frames moved, so each rate they show spans the whole
    /// interval since the point before it (a record in between reports a rate of 0).
    /// </summary>
    public TrainingProgress Snapshot()
    {
        var now = _clock.Elapsed;
        var seconds = Math.Max(1e-9, (now - _lastRate.Time).TotalSeconds);
        var moved = Frames != _lastRate.Frames;
        var progress = new TrainingProgress(Frames, Updates, Episodes, MeanReward, MeanEpisodeLength,
            (Frames - _lastRate.Frames) / seconds, (Updates - _lastRate.Updates) / seconds,
            _stalenessCount == 0 ? 0 : _stalenessSum / _stalenessCount, SkippedUpdates, WorkerRestarts, LearningRate, now, Last,
            _inferenceBatches == 0 ? null : new InferenceBatching(
                (double)_inferenceRequests / _inferenceBatches, (double)_inferenceObservations / _inferenceBatches, _inferenceBatches))
        {
            Nodes = NodeContributions(seconds, moved),
        };
        if (moved) _lastRate = (now, Frames, Updates);
        return progress;
    }

    private IReadOnlyList<NodeContribution> NodeContributions(double seconds, bool moved)
    {
        if (_nodes.Count == 0) return [];
        var contributions = new List<NodeContribution>(_nodes.Count);
        foreach (var (node, (frames, atLastRate)) in _nodes.ToList())
        {
            contributions.Add(new NodeContribution(node, frames, (frames - atLastRate) / seconds));
            if (moved) _nodes[node] = (frames, frames);
        }
        return contributions;
    }

    /// <summary>Frames per second over the whole run.</summary>
    public double AverageFramesPerSecond => Frames / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
}
