namespace A3C.Configuration;

/// <summary>
/// Adjacent values written on one line (<c>${base} { x = 1 }</c>, <c>[1] [2]</c>, <c>${dir}/logs</c>)
/// that could not be joined at parse time because some piece is a substitution.
/// </summary>
internal sealed class ConfigConcatenation : ConfigValue
{
    public ConfigConcatenation(IReadOnlyList<ConfigValue> pieces, ConfigOrigin origin) : base(origin) =>
        Pieces = pieces;

    public IReadOnlyList<ConfigValue> Pieces { get; }

    public override ConfigValueType Type =>
        throw new InvalidOperationException("concatenation has not been resolved");

    internal override bool IsResolved => false;

    internal override string Describe() => "concatenation";

    /// <summary>
    /// Joins resolved pieces: objects merge (later wins), lists append, scalars join as text.
    /// A single piece keeps its type. Returns null when no piece is left (all were undefined).
    /// </summary>
    public static ConfigValue? Join(IReadOnlyList<ConfigValue> pieces, ConfigOrigin origin, ConfigPath? path = null)
    {
        var hasContainer = pieces.Any(piece => piece is ConfigObject or ConfigList);
        var kept = hasContainer
            ? pieces.Where(piece => piece is not ConfigString { IsWhitespace: true }).ToList()
            : pieces.ToList();
        if (kept.Count == 0) return null;
        if (kept.Count == 1) return kept[0];

        if (kept.All(piece => piece is ConfigObject))
        {
            var merged = (ConfigObject)kept[0];
            for (var i = 1; i < kept.Count; i++)
            {
                merged = ConfigMerge.Merge((ConfigObject)kept[i], merged, ConfigPath.Root);
            }
            return merged;
        }
        if (kept.All(piece => piece is ConfigList))
        {
            return new ConfigList([.. kept.SelectMany(piece => ((ConfigList)piece).Items)], origin);
        }
        if (hasContainer)
        {
            var kinds = string.Join(" with ", kept.Select(piece => piece.Describe()));
            throw new ConfigException(origin, path?.ToString(),
                $"cannot concatenate {kinds}: only objects with objects, lists with lists or text with text");
        }
        return new ConfigString(string.Concat(kept.Select(ScalarText)), origin);
    }

    private static string ScalarText(ConfigValue piece) => piece switch
    {
        ConfigString s => s.Value,
        ConfigNumber n => n.Text,
        ConfigBoolean b => b.Value ? "true" : "false",
        _ => "null",
    };
}
