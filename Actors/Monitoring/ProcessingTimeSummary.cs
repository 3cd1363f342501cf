namespace A3C.Actors.Monitoring;

/// <summary>
/// Processing time per message over the timed sample (<paramref name="Timed"/> messages, one in
/// the sample interval), in microseconds. The percentiles are the upper bound of the histogram
/// bucket holding them, capped by the longest time seen.
/// </summary>
public sealed record ProcessingTimeSummary(long Timed, double MeanMicroseconds, double P50Microseconds, double P99Microseconds,
    double MaxMicroseconds);
