namespace A3C.Configuration;

/// <summary>
/// The single error type of the configuration layer. Its message always reads
/// <c>file:line[:column]: path: what was expected</c>, leaving out the parts that are unknown.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(ConfigOrigin? origin, string? path, string reason, Exception? innerException = null)
        : base(Format(origin, path, reason), innerException)
    {
        File = origin?.Description;
        Line = origin is { Line: > 0 } ? origin.Line : null;
        Column = origin is { Line: > 0, Column: > 0 } ? origin.Column : null;
        Path = string.IsNullOrEmpty(path) ? null : path;
        Reason = reason;
    }

    /// <summary>The file (or source label) the offending text came from, when known.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of the offending text, when known.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column, for errors in the text itself (syntax), when known.</summary>
    public int? Column { get; }

    /// <summary>The config path (key) involved, when there is one.</summary>
    public string? Path { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }

    private static string Format(ConfigOrigin? origin, string? path, string reason)
    {
        var location = origin?.ToString();
        var prefix = string.IsNullOrEmpty(location) ? "" : location + ": ";
        return string.IsNullOrEmpty(path) ? prefix + reason : $"{prefix}{path}: {reason}";
    }
}
