namespace A3C.Configuration;

/// <summary>An ordered list of values.</summary>
public sealed class ConfigList : ConfigValue
{
    private readonly bool _isResolved;

    internal ConfigList(IReadOnlyList<ConfigValue> items, ConfigOrigin origin) : base(origin)
    {
        Items = items;
        _isResolved = items.All(item => item.IsResolved);
    }

    public IReadOnlyList<ConfigValue> Items { get; }

    public override ConfigValueType Type => ConfigValueType.List;

    internal override bool IsResolved => _isResolved;

    internal override string Describe() => $"list of {Items.Count}";
}
