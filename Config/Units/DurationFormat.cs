using System.Globalization;

namespace A3C.Configuration;

/// <summary>
/// Reads HOCON durations: a number with an optional unit (<c>500ms</c>, <c>10 s</c>, <c>1.5 hours</c>).
/// A bare number means milliseconds, as in HOCON; <c>infinite</c> maps to <see cref="Timeout.InfiniteTimeSpan"/>.
/// </summary>
internal static class DurationFormat
{
    private const double TicksPerNanosecond = TimeSpan.TicksPerMillisecond / 1_000_000.0;

    private static readonly (string[] Names, double Ticks)[] Units =
    [
        (["ns", "nano", "nanos", "nanosecond", "nanoseconds"], TicksPerNanosecond),
        (["us", "µs", "micro", "micros", "microsecond", "microseconds"], TimeSpan.TicksPerMicrosecond),
        (["ms", "milli", "millis", "millisecond", "milliseconds"], TimeSpan.TicksPerMillisecond),
        (["s", "second", "seconds"], TimeSpan.TicksPerSecond),
        (["m", "minute", "minutes"], TimeSpan.TicksPerMinute),
        (["h", "hour", "hours"], TimeSpan.TicksPerHour),
        (["d", "day", "days"], TimeSpan.TicksPerDay),
    ];

    public const string Expectation = "a duration such as 500ms, 10s, 2m, 1h or \"1 second\"";

    /// <summary>Parses <paramref name="text"/>; on failure returns false with the reason.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        duration = default;
        var trimmed = text.Trim();
        if (trimmed == "infinite")
        {
            duration = Timeout.InfiniteTimeSpan;
            error = null;
            return true;
        }
        if (!UnitText.TrySplit(trimmed, out var number, out var unit, out error)) return false;

        double ticksPerUnit = TimeSpan.TicksPerMillisecond;
        if (unit.Length > 0)
        {
            var match = Units.FirstOrDefault(u => u.Names.Contains(unit, StringComparer.Ordinal));
            if (match.Names is null)
            {
                error = $"unknown duration unit \"{unit}\" (expected ns, us, ms, s, m, h or d, or their long names)";
                return false;
            }
            ticksPerUnit = match.Ticks;
        }
        var ticks = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture) * ticksPerUnit;
        if (double.IsNaN(ticks) || Math.Abs(ticks) >= TimeSpan.MaxValue.Ticks)
        {
            error = "duration is out of range";
            return false;
        }
        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }
}
