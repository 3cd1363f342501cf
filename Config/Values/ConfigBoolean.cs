namespace A3C.Configuration;

public sealed class ConfigBoolean : ConfigValue
{
    internal ConfigBoolean(bool value, ConfigOrigin origin) : base(origin) => Value = value;

    public bool Value { get; }

    public override ConfigValueType Type => ConfigValueType.Boolean;

    internal override string Describe() => Value ? "boolean true" : "boolean false";
}
