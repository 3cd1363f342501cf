namespace A3C.Models.Environments;

/// <summary>Element type of a <see cref="BoxSpace"/>; the two Gymnasium dtypes this project uses.</summary>
public enum ElementType
{
    Float32,
    UInt8,
}
