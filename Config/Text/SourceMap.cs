namespace A3C.Configuration.Text;

/// <summary>How a substitution sits in its field, which decides how an unset <c>${?VAR}</c> is removed.</summary>
internal enum SubstitutionUse
{
    /// <summary>Part of a concatenation such as <c>${?HOME}/runs</c>: an unset one reads as empty text.</summary>
    Concatenated,

    /// <summary>The whole value of a field (<c>key = ${?VAR}</c>): an unset one removes the field.</summary>
    WholeField,

    /// <summary>A whole list element: an unset one removes the element.</summary>
    WholeElement,
}

/// <summary>A <c>${path}</c> or <c>${?path}</c> as written, with where it is and which field it belongs to.</summary>
/// <param name="Expression">The path as written between the braces, without the '?'.</param>
/// <param name="Start">Offset of the '$'.</param>
/// <param name="End">Offset just past the closing '}'.</param>
/// <param name="Field">The field whose value holds it; null at the root of a list-only context.</param>
internal sealed record Substitution(string Expression, ConfigPath Path, bool Optional, int Start, int End, ConfigOrigin Origin, ConfigPath? Field)
{
    public SubstitutionUse Use { get; set; } = SubstitutionUse.Concatenated;

    /// <summary>Offset where the field (its key) or list element starts, when <see cref="Use"/> is not concatenated.</summary>
    public int UseStart { get; set; }

    public override string ToString() => "${" + (Optional ? "?" : "") + Expression + "}";
}

/// <summary>An <c>include "file"</c> statement: the file named and the object it merges into.</summary>
/// <param name="Prefix">The path of the object holding the include; null inside a list.</param>
/// <param name="Offset">Where the statement starts: keys the including source writes after it win over the file's.</param>
internal sealed record Include(string Name, ConfigOrigin Origin, ConfigPath? Prefix, int Offset);

/// <summary>
/// What the scanner learnt about one source: the line of every key (Akka's HOCON keeps no positions,
/// so messages about values are placed with this), its substitutions and its includes.
/// </summary>
internal sealed class SourceMap(string name)
{
    private readonly Dictionary<ConfigPath, (ConfigOrigin Origin, int Offset)> _keys = new() { [ConfigPath.Root] = (new ConfigOrigin(name, 0), 0) };

    public string Name { get; } = name;

    public List<Substitution> Substitutions { get; } = [];

    public List<Include> Includes { get; } = [];

    /// <summary>Where the key at <paramref name="path"/> was written, if this source wrote it.</summary>
    public ConfigOrigin? Find(ConfigPath path) => _keys.TryGetValue(path, out var key) ? key.Origin : null;

    /// <summary>
    /// Records a key. A value assigned later wins, as it does in HOCON; an object keeps the line
    /// where it was first opened, so a section is reported where it starts.
    /// </summary>
    /// <param name="offset">Where in the text the key is written.</param>
    public void Add(ConfigPath path, ConfigOrigin origin, bool isValue, int offset)
    {
        if (isValue || !_keys.ContainsKey(path)) _keys[path] = (origin, offset);
    }

    /// <summary>True when this source writes <paramref name="path"/>, something inside it or an object above it.</summary>
    public bool Defines(ConfigPath path) =>
        _keys.Keys.Any(key => !key.IsRoot && (key.StartsWith(path) || path.StartsWith(key)));

    /// <summary>Takes in the keys of an included file, placed under the include's object.</summary>
    public void AddIncluded(SourceMap included, Include include)
    {
        foreach (var (path, (origin, _)) in included._keys)
        {
            if (path.IsRoot) continue;
            var full = include.Prefix!.Append(path);
            if (!_keys.TryGetValue(full, out var own) || own.Offset < include.Offset) _keys[full] = (origin, include.Offset);
        }
    }
}
