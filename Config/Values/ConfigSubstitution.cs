namespace A3C.Configuration;

/// <summary>
/// An unresolved <c>${path}</c> or <c>${?path}</c>. It exists only between parsing and resolution;
/// resolved configs never contain it.
/// </summary>
internal sealed class ConfigSubstitution : ConfigValue
{
    public ConfigSubstitution(
        ConfigPath path,
        bool isOptional,
        string expression,
        ConfigOrigin origin,
        ConfigPath? includeRelativePath = null,
        bool isSelfReference = false,
        ConfigValue? previous = null) : base(origin)
    {
        Path = path;
        IsOptional = isOptional;
        Expression = expression;
        IncludeRelativePath = includeRelativePath;
        IsSelfReference = isSelfReference;
        Previous = previous;
    }

    /// <summary>The path looked up in the whole config.</summary>
    public ConfigPath Path { get; }

    public bool IsOptional { get; }

    /// <summary>The text between the braces; also the environment variable name tried when the path is absent.</summary>
    public string Expression { get; }

    /// <summary>
    /// For substitutions in an included file, the path as the included file wrote it; tried when
    /// <see cref="Path"/> (prefixed with the include's location) is absent.
    /// </summary>
    public ConfigPath? IncludeRelativePath { get; }

    /// <summary>Refers to the field it is assigned to and found no earlier value yet.</summary>
    public bool IsSelfReference { get; }

    /// <summary>The value this optional substitution overrides; kept when the substitution is undefined.</summary>
    public ConfigValue? Previous { get; }

    public override ConfigValueType Type =>
        throw new InvalidOperationException($"substitution ${{{Expression}}} has not been resolved");

    internal override bool IsResolved => false;

    internal override string Describe() => $"substitution ${{{(IsOptional ? "?" : "")}{Expression}}}";

    public ConfigSubstitution AsSelfReference() =>
        new(Path, IsOptional, Expression, Origin, IncludeRelativePath, isSelfReference: true, Previous);

    public ConfigSubstitution WithPrevious(ConfigValue previous) =>
        new(Path, IsOptional, Expression, Origin, IncludeRelativePath, IsSelfReference, previous);
}
