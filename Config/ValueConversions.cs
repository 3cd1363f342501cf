using System.Globalization;

namespace A3C.Configuration;

/// <summary>
/// Converts resolved values to CLR types the way HOCON allows (a quoted "42" is a number, "yes" a boolean),
/// with errors that name the path and say what was expected.
/// </summary>
internal static class ValueConversions
{
    public static string ToStringValue(ConfigValue value, string path) => value switch
    {
        ConfigString s => s.Value,
        ConfigNumber n => n.Text,
        ConfigBoolean b => b.Value ? "true" : "false",
        _ => throw Mismatch(value, path, "a string"),
    };

    public static long ToInt64(ConfigValue value, string path)
    {
        if (value is ConfigNumber number)
        {
            if (number.TryGetInt64(out var whole)) return whole;
            var real = number.ToDouble();
            if (real == Math.Floor(real) && real is >= long.MinValue and <= long.MaxValue) return (long)real;
            throw Mismatch(value, path, "a whole number");
        }
        if (value is ConfigString s && long.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        throw Mismatch(value, path, "a whole number");
    }

    public static int ToInt32(ConfigValue value, string path)
    {
        var wide = ToInt64(value, path);
        return wide is >= int.MinValue and <= int.MaxValue
            ? (int)wide
            : throw Mismatch(value, path, $"a 32-bit whole number (between {int.MinValue} and {int.MaxValue})");
    }

    public static double ToDouble(ConfigValue value, string path) => value switch
    {
        ConfigNumber n => n.ToDouble(),
        ConfigString s when double.TryParse(s.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw Mismatch(value, path, "a number"),
    };

    public static bool ToBoolean(ConfigValue value, string path) => value switch
    {
        ConfigBoolean b => b.Value,
        ConfigString { Value: "true" or "yes" or "on" } => true,
        ConfigString { Value: "false" or "no" or "off" } => false,
        _ => throw Mismatch(value, path, "a boolean (true/false, yes/no, on/off)"),
    };

    public static TimeSpan ToDuration(ConfigValue value, string path)
    {
        var text = value switch
        {
            ConfigNumber n => n.Text,
            ConfigString s => s.Value,
            _ => throw Mismatch(value, path, DurationFormat.Expectation),
        };
        return DurationFormat.TryParse(text, out var duration, out var error)
            ? duration
            : throw new ConfigException(value.Origin, path, $"expected {DurationFormat.Expectation} but found \"{text}\": {error}");
    }

    public static long ToByteSize(ConfigValue value, string path)
    {
        var text = value switch
        {
            ConfigNumber n => n.Text,
            ConfigString s => s.Value,
            _ => throw Mismatch(value, path, ByteSizeFormat.Expectation),
        };
        return ByteSizeFormat.TryParse(text, out var bytes, out var error)
            ? bytes
            : throw new ConfigException(value.Origin, path, $"expected {ByteSizeFormat.Expectation} but found \"{text}\": {error}");
    }

    /// <summary>Converts each element of a list, naming the element index in errors.</summary>
    public static IReadOnlyList<T> ToList<T>(ConfigValue value, string path, Func<ConfigValue, string, T> convert)
    {
        if (value is not ConfigList list) throw Mismatch(value, path, "a list");
        var result = new T[list.Items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = convert(list.Items[i], $"{path}[{i}]");
        }
        return result;
    }

    public static ConfigException Mismatch(ConfigValue value, string path, string expected) =>
        new(value.Origin, path, $"expected {expected} but found {value.Describe()}");
}
