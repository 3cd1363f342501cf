namespace A3C.Configuration;

/// <summary>An explicit <c>null</c>: the key is present but <see cref="Config.HasPath"/> reports false.</summary>
public sealed class ConfigNull : ConfigValue
{
    internal ConfigNull(ConfigOrigin origin) : base(origin)
    {
    }

    public override ConfigValueType Type => ConfigValueType.Null;

    internal override string Describe() => "null";
}
