namespace A3C.Configuration;

/// <summary>A string value (quoted, unquoted or triple-quoted in the source).</summary>
public sealed class ConfigString : ConfigValue
{
    internal ConfigString(string value, ConfigOrigin origin) : base(origin) => Value = value;

    public string Value { get; }

    public override ConfigValueType Type => ConfigValueType.String;

    /// <summary>Unquoted whitespace between concatenated values; dropped when lists or objects are concatenated.</summary>
    internal bool IsWhitespace => Value.Length > 0 && string.IsNullOrWhiteSpace(Value);

    internal override string Describe() => $"string \"{Value}\"";
}
