using System.Text;

namespace A3C.Models.Environments.Rendering;

/// <summary>
/// Writes frames as a looping animated GIF89a. One global palette serves every frame: the exact colours when the
/// frames use at most 256 (true of the simple renderings here), otherwise a uniform 3-3-2 bit palette.
/// </summary>
public static class GifWriter
{
    /// <param name="frames">Frames of one size.</param>
    /// <param name="delayHundredths">Display time of each frame in hundredths of a second.</param>
    public static void Write(IReadOnlyList<RgbFrame> frames, Stream output, int delayHundredths = 4)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(output);
        if (frames.Count == 0)
            throw new ArgumentException("A GIF needs at least one frame.", nameof(frames));
        var width = frames[0].Width;
        var height = frames[0].Height;
        if (width > ushort.MaxValue || height > ushort.MaxValue)
            throw new ArgumentException($"GIF sizes are 16-bit; got {width}x{height}.", nameof(frames));
        foreach (var frame in frames)
        {
            if (frame.Width != width || frame.Height != height)
                throw new ArgumentException($"All frames must be {width}x{height}; found one of {frame.Width}x{frame.Height}.", nameof(frames));
        }

        var palette = Palette.For(frames);
        using var writer = new BinaryWriter(output, Encoding.ASCII, leaveOpen: true);
        writer.Write("GIF89a"u8);
        writer.Write((ushort)width);
        writer.Write((ushort)height);
        writer.Write((byte)0xF7); // global colour table of 2^(7+1) entries, 8-bit colour resolution
        writer.Write((byte)0);    // background colour index
        writer.Write((byte)0);    // square pixels
        writer.Write(palette.Table);

        // NETSCAPE2.0 application extension: loop forever.
        writer.Write([0x21, 0xFF, 0x0B]);
        writer.Write("NETSCAPE2.0"u8);
        writer.Write([0x03, 0x01, 0x00, 0x00, 0x00]);

        var indices = new byte[width * height];
        foreach (var frame in frames)
        {
            // Graphic control extension: keep the frame in place, show it for the delay, no transparency.
            writer.Write([0x21, 0xF9, 0x04, 0x04]);
            writer.Write((ushort)delayHundredths);
            writer.Write([0x00, 0x00]);

            writer.Write((byte)0x2C);
            writer.Write((ushort)0);
            writer.Write((ushort)0);
            writer.Write((ushort)width);
            writer.Write((ushort)height);
            writer.Write((byte)0); // no local table, not interlaced

            palette.Index(frame, indices);
            writer.Write((byte)GifLzwEncoder.MinimumCodeSize);
            GifLzwEncoder.Encode(indices, writer);
        }
        writer.Write((byte)0x3B);
    }

    public static void Write(IReadOnlyList<RgbFrame> frames, string path, int delayHundredths = 4)
    {
        using var file = File.Create(path);
        Write(frames, file, delayHundredths);
    }

    /// <summary>Maps colours to palette indices.</summary>
    private sealed class Palette
    {
        private readonly Dictionary<int, byte>? exact;

        private Palette(byte[] table, Dictionary<int, byte>? exact)
        {
            Table = table;
            this.exact = exact;
        }

        /// <summary>256 RGB triples.</summary>
        public byte[] Table { get; }

        public static Palette For(IReadOnlyList<RgbFrame> frames)
        {
            var colours = new Dictionary<int, byte>();
            foreach (var frame in frames)
            {
                var pixels = frame.Pixels;
                for (var i = 0; i < pixels.Length; i += 3)
                {
                    var key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
                    if (colours.ContainsKey(key))
                        continue;
                    if (colours.Count == 256)
                        return Uniform();
                    colours.Add(key, (byte)colours.Count);
                }
            }
            var table = new byte[256 * 3];
            foreach (var (key, index) in colours)
            {
                table[index * 3] = (byte)(key >> 16);
                table[index * 3 + 1] = (byte)(key >> 8);
                table[index * 3 + 2] = (byte)key;
            }
            return new Palette(table, colours);
        }

        public void Index(RgbFrame frame, byte[] indices)
        {
            var pixels = frame.Pixels;
            for (int i = 0, p = 0; i < indices.Length; i++, p += 3)
            {
                indices[i] = exact is not null
                    ? exact[(pixels[p] << 16) | (pixels[p + 1] << 8) | pixels[p + 2]]
                    : (byte)((pixels[p] & 0xE0) | ((pixels[p + 1] & 0xE0) >> 3) | (pixels[p + 2] >> 6));
            }
        }

        // Red and green get three bits, blue two; each level is spread over 0..255.
        private static Palette Uniform()
        {
            var table = new byte[256 * 3];
            for (var i = 0; i < 256; i++)
            {
                table[i * 3] = (byte)((i >> 5) * 255 / 7);
                table[i * 3 + 1] = (byte)(((i >> 2) & 7) * 255 / 7);
                table[i * 3 + 2] = (byte)((i & 3) * 255 / 3);
            }
            return new Palette(table, null);
        }
    }
}
