namespace A3C.Configuration;

/// <summary>Where a value was written: a file (or other source such as "--set") and a 1-based line.</summary>
/// <param name="Description">File name as the user gave it, or a label for non-file sources.</param>
/// <param name="Line">1-based line, or 0 when the source has no lines (e.g. an environment variable).</param>
public sealed record ConfigOrigin(string Description, int Line)
{
    public ConfigOrigin AtLine(int line) => line == Line ? this : this with { Line = line };

    public override string ToString() => Line > 0 ? $"{Description}:{Line}" : Description;
}
