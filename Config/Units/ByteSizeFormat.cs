using System.Globalization;

namespace A3C.Configuration;

/// <summary>
/// Reads HOCON sizes in bytes: <c>64KiB</c>, <c>128 MiB</c>, <c>10MB</c>. Binary units (K, Ki, KiB) are powers
/// of 1024, decimal units (kB, MB) powers of 1000; a bare number means bytes.
/// </summary>
internal static class ByteSizeFormat
{
    private static readonly (string[] Names, long Bytes)[] Units =
    [
        (["B", "b", "byte", "bytes"], 1),
        (["kB", "KB", "kilobyte", "kilobytes"], 1000),
        (["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"], 1L << 10),
        (["MB", "megabyte", "megabytes"], 1000_000),
        (["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"], 1L << 20),
        (["GB", "gigabyte", "gigabytes"], 1000_000_000),
        (["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"], 1L << 30),
        (["TB", "terabyte", "terabytes"], 1000_000_000_000),
        (["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"], 1L << 40),
    ];

    public const string Expectation = "a size in bytes such as 512, 64KiB, 128MiB, 1GiB or 10MB";

    public static bool TryParse(string text, out long bytes, out string? error)
    {
        bytes = 0;
        if (!UnitText.TrySplit(text.Trim(), out var number, out var unit, out error)) return false;

        long bytesPerUnit = 1;
        if (unit.Length > 0)
        {
            var match = Units.FirstOrDefault(u => u.Names.Contains(unit, StringComparer.Ordinal));
            if (match.Names is null)
            {
                error = $"unknown size unit \"{unit}\" (expected B, KiB, MiB, GiB, TiB, kB, MB, GB or TB)";
                return false;
            }
            bytesPerUnit = match.Bytes;
        }
        var value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture) * bytesPerUnit;
        if (value < 0 || value >= long.MaxValue)
        {
            error = "size is negative or too large";
            return false;
        }
        bytes = (long)Math.Round(value);
        return true;
    }
}
