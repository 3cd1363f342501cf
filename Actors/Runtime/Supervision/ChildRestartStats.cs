namespace A3C.Actors.Runtime.Supervision;

/// <summary>How often one child was restarted within the current window; kept by its parent.</summary>
public sealed class ChildRestartStats
{
    private long _windowStart;

    public int RetryCount { get; private set; }

    /// <summary>
    /// Counts this restart and says whether it stays within <paramref name="maxNrOfRetries"/>
    /// (negative: unlimited) in a window of <paramref name="withinTimeRange"/> (null: forever).
    /// A restart after the window has passed opens a new window.
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange, long nowTimestamp)
    {
        if (maxNrOfRetries == 0) return false;
        if (withinTimeRange is not TimeSpan window)
        {
            RetryCount++;
            return maxNrOfRetries < 0 || RetryCount <= maxNrOfRetries;
        }

        if (_windowStart == 0 || System.Diagnostics.Stopwatch.GetElapsedTime(_windowStart, nowTimestamp) > window)
        {
            _windowStart = nowTimestamp;
            RetryCount = 1;
            return true;
        }
        RetryCount++;
        return maxNrOfRetries < 0 || RetryCount <= maxNrOfRetries;
    }
}
