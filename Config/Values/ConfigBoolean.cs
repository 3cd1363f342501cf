namespace A3C.Config;

public sealed class ConfigBoolean(bool value, ConfigOrigin origin) : ConfigValue(origin)
{
    public bool Value { get; } = value;

    public override ConfigValueType Type => ConfigValueType.Boolean;

    internal override string Describe() => Value ? "boolean true" : "boolean false";
}
