namespace A3C.Configuration;

/// <summary>Where a key or a syntax error was written: a file (or other source such as "--set #1"), line and column.</summary>
/// <param name="Description">File name as the user gave it, or a label for non-file sources.</param>
/// <param name="Line">1-based line, or 0 when unknown (e.g. a value that came from an environment variable).</param>
/// <param name="Column">1-based column, or 0 when only the line is known.</param>
public sealed record ConfigOrigin(string Description, int Line, int Column = 0)
{
    public override string ToString() =>
        Line <= 0 ? Description : Column <= 0 ? $"{Description}:{Line}" : $"{Description}:{Line}:{Column}";
}
