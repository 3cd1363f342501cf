using System.Text;

namespace A3C.LibTorch.Serialization;

/// <summary>What a tensor archive says of one tensor before its elements: name, element type and shape.</summary>
internal sealed record ArchiveEntry(string Name, ScalarType Dtype, long[] Shape)
{
    public static ArchiveEntry Of(string name, Tensor tensor) => new(name, tensor.Dtype, tensor.Shape);

    public int DataBytes { get; } = checked((int)(Shape.Aggregate(1L, (product, size) => product * size) * Dtype.ElementSize()));

    /// <summary>Header and elements: the name as BinaryWriter writes a string (UTF-8 length, 7 bits a byte, then the bytes), dtype, rank, shape, length.</summary>
    public int ArchiveBytes => NameBytes + 2 * sizeof(int) + Shape.Length * sizeof(long) + sizeof(int) + DataBytes;

    private int NameBytes
    {
        get
        {
            var utf8 = Encoding.UTF8.GetByteCount(Name);
            return utf8 + 1 + (utf8 >= 1 << 7 ? 1 : 0) + (utf8 >= 1 << 14 ? 1 : 0) + (utf8 >= 1 << 21 ? 1 : 0) + (utf8 >= 1 << 28 ? 1 : 0);
        }
    }
}
