using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using A3C.Models.Environments;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.Rendering;

namespace A3C.Models.Tests.Environments;

/// <summary>Decodes the written files independently of the writers and compares them with the frames.</summary>
public class ImageFileTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        // The CRC-32/ISO-HDLC check value of "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Png_has_signature_sized_header_valid_crcs_and_the_frame_pixels()
    {
        var frame = new CartPole().Render();
        var stream = new MemoryStream();
        PngWriter.Write(frame, stream);
        var bytes = stream.ToArray();

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        var chunks = ReadPngChunks(bytes.AsSpan(8));
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var header = chunks[0].Data;
        Assert.Equal(frame.Width, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(frame.Height, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(8, header[8]);
        Assert.Equal(2, header[9]);

        using var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var scanlines = raw.ToArray();
        var rowBytes = frame.Width * 3;
        Assert.Equal(frame.Height * (rowBytes + 1), scanlines.Length);
        for (var y = 0; y < frame.Height; y++)
        {
            Assert.Equal(0, scanlines[y * (rowBytes + 1)]);
            Assert.True(scanlines.AsSpan(y * (rowBytes + 1) + 1, rowBytes).SequenceEqual(frame.Pixels.AsSpan(y * rowBytes, rowBytes)));
        }
    }

    [Fact]
    public void Corrupting_a_png_byte_breaks_its_crc()
    {
        var stream = new MemoryStream();
        PngWriter.Write(new RgbFrame(4, 3), stream);
        var bytes = stream.ToArray();
        bytes[8 + 8 + 2] ^= 0xFF; // inside IHDR's data
        Assert.Throws<InvalidDataException>(() => ReadPngChunks(bytes.AsSpan(8)));
    }

    [Fact]
    public void Gif_has_header_screen_size_loop_extension_and_frames_that_decode_to_the_rendered_pixels()
    {
        var env = new Pendulum();
        var observation = new float[3];
        env.Reset(observation, 5);
        var recorder = new EpisodeRecorder();
        recorder.Capture(env);
        for (var i = 0; i < 3; i++)
        {
            env.Step([2f], observation);
            recorder.Capture(env);
        }
        var path = Path.Combine(Path.GetTempPath(), $"pendulum-{Guid.NewGuid():N}.gif");
        try
        {
            recorder.SaveGif(path, delayHundredths: 5);
            var gif = DecodeGif(File.ReadAllBytes(path));
            Assert.Equal(250, gif.Width);
            Assert.Equal(250, gif.Height);
            Assert.True(gif.Loops);
            Assert.Equal(4, gif.Frames.Count);
            Assert.All(gif.Delays, d => Assert.Equal(5, d));
            for (var f = 0; f < 4; f++)
                Assert.Equal(recorder.Frames[f].Pixels, gif.Frames[f]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Gif_with_more_than_256_colours_falls_back_to_a_332_palette_and_long_runs_survive_table_resets()
    {
        // 128x128 distinct-ish colours: many codes, so the LZW table fills and is cleared several times.
        var frame = new RgbFrame(128, 128);
        var random = new Xoshiro256(9);
        for (var i = 0; i < frame.Pixels.Length; i++)
            frame.Pixels[i] = (byte)random.NextInt(256);
        var stream = new MemoryStream();
        GifWriter.Write([frame], stream);
        var gif = DecodeGif(stream.ToArray());
        var decoded = gif.Frames[0];
        for (var p = 0; p < decoded.Length; p += 3)
        {
            // Quantised to 3-3-2 bits: the top bits of each channel survive.
            Assert.Equal(frame.Pixels[p] >> 5, decoded[p] >> 5);
            Assert.Equal(frame.Pixels[p + 1] >> 5, decoded[p + 1] >> 5);
            Assert.Equal(frame.Pixels[p + 2] >> 6, decoded[p + 2] >> 6);
        }
    }

    [Fact]
    public void Recorder_writes_numbered_png_frames_and_refuses_an_empty_episode()
    {
        var recorder = new EpisodeRecorder();
        Assert.Throws<InvalidOperationException>(() => recorder.SaveGif("unused.gif"));
        var env = EnvironmentRegistry.Standard.Make<byte>("PixelPong-v0");
        env.Reset(new byte[env.ObservationSpace.Size], 1);
        recorder.Capture(env);
        recorder.Capture(env);
        var directory = Path.Combine(Path.GetTempPath(), $"pong-{Guid.NewGuid():N}");
        try
        {
            var paths = recorder.SavePngFrames(directory);
            Assert.Equal(["frame_00000.png", "frame_00001.png"], paths.Select(Path.GetFileName));
            var chunks = ReadPngChunks(File.ReadAllBytes(paths[1]).AsSpan(8));
            Assert.Equal(168, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<(string Type, byte[] Data)> ReadPngChunks(ReadOnlySpan<byte> bytes)
    {
        var chunks = new List<(string, byte[])>();
        while (bytes.Length > 0)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes);
            var typeAndData = bytes.Slice(4, 4 + length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes[(8 + length)..]);
            if (crc != Crc32.Compute(typeAndData))
                throw new InvalidDataException($"Bad CRC on chunk {Encoding.ASCII.GetString(typeAndData[..4])}.");
            chunks.Add((Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray()));
            bytes = bytes[(12 + length)..];
        }
        return chunks;
    }

    private sealed record DecodedGif(int Width, int Height, bool Loops, List<byte[]> Frames, List<int> Delays);

    // A minimal GIF89a reader: global palette, extensions, image blocks, LZW decoding to RGB.
    private static DecodedGif DecodeGif(byte[] bytes)
    {
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(bytes, 0, 6));
        var width = BitConverter.ToUInt16(bytes, 6);
        var height = BitConverter.ToUInt16(bytes, 8);
        var packed = bytes[10];
        Assert.True((packed & 0x80) != 0, "global colour table flag");
        var paletteSize = 2 << (packed & 7);
        var palette = bytes.AsSpan(13, paletteSize * 3).ToArray();
        var position = 13 + paletteSize * 3;
        var frames = new List<byte[]>();
        var delays = new List<int>();
        var loops = false;
        while (true)
        {
            var introducer = bytes[position++];
            if (introducer == 0x3B)
                break;
            if (introducer == 0x21)
            {
                var label = bytes[position++];
                if (label == 0xFF && Encoding.ASCII.GetString(bytes, position + 1, 11) == "NETSCAPE2.0")
                    loops = true;
                if (label == 0xF9)
                    delays.Add(BitConverter.ToUInt16(bytes, position + 2));
                position = SkipSubBlocks(bytes, position);
                continue;
            }
            Assert.Equal(0x2C, introducer);
            Assert.Equal(width, BitConverter.ToUInt16(bytes, position + 4));
            Assert.Equal(height, BitConverter.ToUInt16(bytes, position + 6));
            position += 9;
            var minimumCodeSize = bytes[position++];
            var data = new MemoryStream();
            while (bytes[position] != 0)
            {
                data.Write(bytes, position + 1, bytes[position]);
                position += bytes[position] + 1;
            }
            position++;
            var indices = LzwDecode(data.ToArray(), minimumCodeSize, width * height);
            var rgb = new byte[indices.Length * 3];
            for (var i = 0; i < indices.Length; i++)
                palette.AsSpan(indices[i] * 3, 3).CopyTo(rgb.AsSpan(i * 3));
            frames.Add(rgb);
        }
        return new DecodedGif(width, height, loops, frames, delays);
    }

    private static int SkipSubBlocks(byte[] bytes, int position)
    {
        while (bytes[position] != 0)
            position += bytes[position] + 1;
        return position + 1;
    }

    private static byte[] LzwDecode(byte[] data, int minimumCodeSize, int pixelCount)
    {
        var clear = 1 << minimumCodeSize;
        var end = clear + 1;
        var output = new List<byte>(pixelCount);
        var table = new List<byte[]>();
        void ResetTable()
        {
            table.Clear();
            for (var i = 0; i < clear; i++)
                table.Add([(byte)i]);
            table.Add([]);
            table.Add([]);
        }
        ResetTable();
        var width = minimumCodeSize + 1;
        var bitPosition = 0;
        byte[]? previous = null;
        while (true)
        {
            var code = 0;
            for (var b = 0; b < width; b++, bitPosition++)
                code |= ((data[bitPosition >> 3] >> (bitPosition & 7)) & 1) << b;
            if (code == clear)
            {
                ResetTable();
                width = minimumCodeSize + 1;
                previous = null;
                continue;
            }
            if (code == end)
                break;
            byte[] entry;
            if (code < table.Count)
                entry = table[code];
            else if (code == table.Count && previous is not null)
                entry = [.. previous, previous[0]];
            else
                throw new InvalidDataException($"LZW code {code} beyond table of {table.Count}.");
            output.AddRange(entry);
            if (previous is not null && table.Count < 4096)
                table.Add([.. previous, entry[0]]);
            if (table.Count == 1 << width && width < 12)
                width++;
            previous = entry;
        }
        Assert.Equal(pixelCount, output.Count);
        return [.. output];
    }
}
