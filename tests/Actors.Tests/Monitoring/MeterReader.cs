using System.Diagnostics.Metrics;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>One measurement as a listener saw it: the instrument's name, the value and its labels.</summary>
public sealed record ReadMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Labels)
{
    public string? Label(string key) => Labels.TryGetValue(key, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Listens to one actor system's meter only (other tests' systems have meters of the same name):
/// observable instruments are read when asked, histogram records as they come.
/// </summary>
public sealed class MeterReader : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<ReadMeasurement> _observed = [];
    private readonly List<ReadMeasurement> _recorded = [];
    private readonly Lock _recordedLock = new();

    public MeterReader(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>What the observable instruments report now.</summary>
    public IReadOnlyList<ReadMeasurement> Observe()
    {
        _observed.Clear();
        _listener.RecordObservableInstruments();
        return _observed.ToList();
    }

    /// <summary>The observed value of <paramref name="instrument"/> for the actor at <paramref name="path"/>, or null if none.</summary>
    public double? Observe(string instrument, string path) =>
        Observe().SingleOrDefault(m => m.Instrument == instrument && m.Label("actor_path") == path)?.Value;

    /// <summary>Histogram records so far.</summary>
    public IReadOnlyList<ReadMeasurement> Recorded()
    {
        lock (_recordedLock) return _recorded.ToList();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var measurement = new ReadMeasurement(instrument.Name, value, new Dictionary<string, object?>(tags.ToArray()));
        if (instrument.IsObservable)
        {
            _observed.Add(measurement);
            return;
        }
        lock (_recordedLock) _recorded.Add(measurement);
    }

    public void Dispose() => _listener.Dispose();
}
