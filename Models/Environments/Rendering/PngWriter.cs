using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace A3C.Models.Environments.Rendering;

/// <summary>Writes an <see cref="RgbFrame"/> as a PNG: 8-bit RGB, no interlacing, every row unfiltered, zlib-compressed.</summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Write(RgbFrame frame, Stream output)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, frame.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), frame.Height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: truecolour
        // Compression, filter and interlace methods stay 0: deflate, adaptive filtering, none.
        WriteChunk(output, "IHDR", header);

        WriteChunk(output, "IDAT", Compress(frame));
        WriteChunk(output, "IEND", []);
    }

    public static void Write(RgbFrame frame, string path)
    {
        using var file = File.Create(path);
        Write(frame, file);
    }

    // Each scanline is preceded by its filter type; 0 (none) keeps the writer simple.
    private static byte[] Compress(RgbFrame frame)
    {
        var rowBytes = frame.Width * 3;
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < frame.Height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(frame.Pixels, y * rowBytes, rowBytes);
            }
        }
        return buffer.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(typeBytes), data));
        output.Write(word);
    }
}
