namespace A3C.LibTorch;

public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}

/// <summary>Where a tensor lives: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    public static readonly Device Cpu = new(DeviceType.Cpu);

    public static Device Cuda(int index = -1) => new(DeviceType.Cuda, index);

    public bool IsCuda => Type == DeviceType.Cuda;

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>, as PyTorch spells devices.</summary>
    public static Device Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "cpu") return Cpu;
        if (trimmed == "cuda") return Cuda();
        if (trimmed.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(trimmed.AsSpan(5), out var index) && index >= 0)
            return Cuda(index);
        throw new FormatException($"'{text}' is not a device: expected cpu, cuda or cuda:N");
    }

    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : Index < 0 ? "cuda" : $"cuda:{Index}";
}
