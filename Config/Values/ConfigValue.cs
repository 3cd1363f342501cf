namespace A3C.Configuration;

/// <summary>
/// A node of the config tree. Every node remembers where it was written so that errors
/// about it can name the file and line.
/// </summary>
public abstract class ConfigValue
{
    private protected ConfigValue(ConfigOrigin origin) => Origin = origin;

    public ConfigOrigin Origin { get; }

    public abstract ConfigValueType Type { get; }

    /// <summary>False while the node (or a descendant) still holds a substitution.</summary>
    internal virtual bool IsResolved => true;

    /// <summary>A short description for error messages, e.g. <c>string "abc"</c> or <c>object</c>.</summary>
    internal abstract string Describe();

    public override string ToString() => Rendering.HoconRenderer.Render(this);
}
