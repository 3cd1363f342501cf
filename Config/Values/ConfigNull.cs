namespace A3C.Config;

/// <summary>An explicit <c>null</c>: the key is present but <see cref="Config.HasPath"/> reports false.</summary>
public sealed class ConfigNull(ConfigOrigin origin) : ConfigValue(origin)
{
    public override ConfigValueType Type => ConfigValueType.Null;

    internal override string Describe() => "null";
}
