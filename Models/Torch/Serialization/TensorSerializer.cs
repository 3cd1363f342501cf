using System.Buffers.Binary;
using System.Text;

namespace A3C.LibTorch.Serialization;

/// <summary>
/// Named tensors to bytes and back, bit-exactly: a small self-describing format (magic, version,
/// then per tensor its name, dtype, shape and raw little-endian elements). Reading checks every
/// length, so a truncated or foreign buffer is an error that says what was wrong and where.
/// </summary>
public static class TensorSerializer
{
    private const uint Magic = 0x54333341; // "A33T"
    private const int Version = 1;
    private const int HeaderBytes = sizeof(uint) + 2 * sizeof(int); // magic, version, count

    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors) => stream.Write(ToBytes(tensors));

    /// <summary>
    /// The archive in one array of exactly its size. Each tensor's elements are copied once, by
    /// libtorch, from wherever they live (any device or layout) straight into their place.
    /// </summary>
    public static byte[] ToBytes(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var list = tensors.ToList();
        var entries = list.Select(entry => ArchiveEntry.Of(entry.Key, entry.Value)).ToList();
        var archive = Allocate(entries, out var dataOffsets);
        for (var i = 0; i < list.Count; i++) CopyElements(list[i].Value, archive.AsSpan(dataOffsets[i], entries[i].DataBytes));
        return archive;
    }

    /// <summary>
    /// An archive of <paramref name="entries"/> with every header written and the elements left for
    /// the caller to copy in: entry i's <see cref="ArchiveEntry.DataBytes"/> go at <paramref name="dataOffsets"/>[i].
    /// </summary>
    internal static byte[] Allocate(IReadOnlyList<ArchiveEntry> entries, out int[] dataOffsets)
    {
        var archive = new byte[HeaderBytes + entries.Sum(entry => entry.ArchiveBytes)];
        dataOffsets = new int[entries.Count];
        using var stream = new MemoryStream(archive);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            writer.Write(entry.Name);
            writer.Write((int)entry.Dtype);
            writer.Write(entry.Shape.Length);
            foreach (var size in entry.Shape) writer.Write(size);
            writer.Write(entry.DataBytes);
            dataOffsets[i] = checked((int)stream.Position);
            stream.Seek(entry.DataBytes, SeekOrigin.Current);
        }

        return archive;
    }

    /// <summary>Copies a tensor's elements, from any device or layout, into exactly its size of bytes.</summary>
    internal static unsafe void CopyElements(Tensor tensor, Span<byte> destination)
    {
        if (destination.IsEmpty) return;
        fixed (byte* p = destination)
            Native.NativeMethods.Check(Native.NativeMethods.a3c_copy_to(tensor.Handle, p, (nuint)destination.Length));
    }

    /// <summary>Reads the tensors back as new CPU tensors that the caller owns.</summary>
    public static List<KeyValuePair<string, Tensor>> Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("not a tensor archive (bad magic number)");
            var version = reader.ReadInt32();
            if (version != Version) throw new InvalidDataException($"tensor archive version {version}, this build reads version {Version}");
            var count = reader.ReadInt32();
            var result = new List<KeyValuePair<string, Tensor>>(count);
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var dtype = (ScalarType)reader.ReadInt32();
                var shape = new long[reader.ReadInt32()];
                for (var d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
                var length = reader.ReadInt32();
                var expected = shape.Aggregate(1L, (a, b) => a * b) * dtype.ElementSize();
                if (length != expected)
                    throw new InvalidDataException($"tensor '{name}' declares {length} bytes but its shape needs {expected}");
                var bytes = reader.ReadBytes(length);
                if (bytes.Length != length) throw new InvalidDataException($"tensor '{name}' is truncated");
                var tensor = Torch.Empty(shape, dtype).DetachFromDisposeScope();
                bytes.CopyTo(RawBytes(tensor));
                result.Add(new(name, tensor));
            }
            return result;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("tensor archive is truncated", e);
        }
    }

    public static List<KeyValuePair<string, Tensor>> FromBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream);
    }

    private static unsafe Span<byte> RawBytes(Tensor host)
    {
        var length = checked((int)(host.NumberOfElements * host.Dtype.ElementSize()));
        if (length == 0) return [];
        var pointer = Native.NativeMethods.a3c_data_ptr(host.Handle);
        if (pointer == IntPtr.Zero) Native.NativeMethods.Check(-1);
        return new Span<byte>((void*)pointer, length);
    }
}
