using System.Globalization;
using Akka.Configuration.Hocon;

namespace A3C.Configuration;

/// <summary>What a value read from Akka's tree is: Akka keeps every scalar as text.</summary>
internal enum ValueKind
{
    Null,
    Text,
    Object,
    List,
}

/// <summary>A value found at a path, with the path and origin its error messages name.</summary>
internal readonly record struct ConfigEntry(HoconValue Value, string Path, ConfigOrigin? Origin)
{
    public ValueKind Kind => ValueConversions.KindOf(Value);
}

/// <summary>
/// Converts values of Akka's tree to CLR types the way HOCON allows (a quoted "42" is a number,
/// "yes" a boolean), with errors that name the path, its origin and what was expected.
/// </summary>
internal static class ValueConversions
{
    public static ValueKind KindOf(HoconValue value)
    {
        if (value.Values.Count == 0) return ValueKind.Null;
        if (value.GetObject() is not null) return ValueKind.Object;
        if (value.Values.Any(IsList)) return ValueKind.List;
        return value.IsString() && value.GetString() is not null ? ValueKind.Text : ValueKind.Null;
    }

    // An empty list counts too (Akka's HoconValue.IsArray() says false for it).
    private static bool IsList(IHoconElement element) =>
        element is HoconArray || (element is HoconSubstitution { ResolvedValue: { } resolved } && KindOf(resolved) == ValueKind.List);

    /// <summary>The elements of a list value, in order.</summary>
    public static IList<HoconValue> Items(HoconValue value) => value.GetArray();

    /// <summary>"string \"abc\"", "number 0.5", "object", "list of 3" or "null", for messages.</summary>
    public static string Describe(HoconValue value) => KindOf(value) switch
    {
        ValueKind.Null => "null",
        ValueKind.Object => "object",
        ValueKind.List => $"list of {Items(value).Count}",
        _ => value.GetString() is var text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"number {text}"
            : text is "true" or "false" ? $"boolean {text}" : $"string \"{text}\"",
    };

    public static string ToStringValue(ConfigEntry entry) =>
        entry.Kind == ValueKind.Text ? entry.Value.GetString() : throw Mismatch(entry, "a string");

    public static long ToInt64(ConfigEntry entry)
    {
        var text = entry.Kind == ValueKind.Text ? entry.Value.GetString().Trim() : throw Mismatch(entry, "a whole number");
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && real == Math.Floor(real) && real is >= long.MinValue and <= long.MaxValue)
        {
            return (long)real;
        }
        throw Mismatch(entry, "a whole number");
    }

    public static int ToInt32(ConfigEntry entry)
    {
        var wide = ToInt64(entry);
        return wide is >= int.MinValue and <= int.MaxValue
            ? (int)wide
            : throw Mismatch(entry, $"a 32-bit whole number (between {int.MinValue} and {int.MaxValue})");
    }

    public static double ToDouble(ConfigEntry entry) =>
        entry.Kind == ValueKind.Text
        && double.TryParse(entry.Value.GetString().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw Mismatch(entry, "a number");

    public static bool ToBoolean(ConfigEntry entry) => (entry.Kind == ValueKind.Text ? entry.Value.GetString() : null) switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw Mismatch(entry, "a boolean (true/false, yes/no, on/off)"),
    };

    public static TimeSpan ToDuration(ConfigEntry entry)
    {
        var text = entry.Kind == ValueKind.Text ? entry.Value.GetString() : throw Mismatch(entry, DurationFormat.Expectation);
        return DurationFormat.TryParse(text, out var duration, out var error)
            ? duration
            : throw new ConfigException(entry.Origin, entry.Path, $"expected {DurationFormat.Expectation} but found \"{text}\": {error}");
    }

    public static long ToByteSize(ConfigEntry entry)
    {
        var text = entry.Kind == ValueKind.Text ? entry.Value.GetString() : throw Mismatch(entry, ByteSizeFormat.Expectation);
        return ByteSizeFormat.TryParse(text, out var bytes, out var error)
            ? bytes
            : throw new ConfigException(entry.Origin, entry.Path, $"expected {ByteSizeFormat.Expectation} but found \"{text}\": {error}");
    }

    /// <summary>Converts each element of a list, naming the element index in errors.</summary>
    public static IReadOnlyList<T> ToList<T>(ConfigEntry entry, Func<ConfigEntry, T> convert)
    {
        if (entry.Kind != ValueKind.List) throw Mismatch(entry, "a list");
        var items = Items(entry.Value);
        var result = new T[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = convert(new ConfigEntry(items[i], $"{entry.Path}[{i}]", entry.Origin));
        }
        return result;
    }

    public static ConfigException Mismatch(ConfigEntry entry, string expected) =>
        new(entry.Origin, entry.Path, $"expected {expected} but found {Describe(entry.Value)}");
}
