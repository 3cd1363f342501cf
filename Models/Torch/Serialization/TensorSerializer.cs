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

    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var list = tensors.ToList();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(list.Count);
        foreach (var (name, tensor) in list)
        {
            using var host = tensor.Detach().To(Device.Cpu).Contiguous().DetachFromDisposeScope();
            writer.Write(name);
            writer.Write((int)host.Dtype);
            var shape = host.Shape;
            writer.Write(shape.Length);
            foreach (var size in shape) writer.Write(size);
            var bytes = new byte[host.NumberOfElements * host.Dtype.ElementSize()];
            CopyBytes(host, bytes);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    public static byte[] ToBytes(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        using var stream = new MemoryStream();
        Write(stream, tensors);
        return stream.ToArray();
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

    private static void CopyBytes(Tensor host, Span<byte> destination) => RawBytes(host).CopyTo(destination);

    private static unsafe Span<byte> RawBytes(Tensor host)
    {
        var length = checked((int)(host.NumberOfElements * host.Dtype.ElementSize()));
        if (length == 0) return [];
        var pointer = Native.NativeMethods.a3c_data_ptr(host.Handle);
        if (pointer == IntPtr.Zero) Native.NativeMethods.Check(-1);
        return new Span<byte>((void*)pointer, length);
    }
}
