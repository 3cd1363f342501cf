namespace A3C.Host.Tests.Interop;

/// <summary>Walks a GIF89a file's blocks, failing on anything malformed: a check that a file is a valid animation.</summary>
internal static class GifFile
{
    /// <summary>The logical screen's size and the number of images.</summary>
    public static (int Width, int Height, int Images) Read(byte[] gif)
    {
        Assert.True(gif.AsSpan(0, 6).SequenceEqual("GIF89a"u8), "no GIF89a signature");
        var (width, height) = (BitConverter.ToUInt16(gif, 6), BitConverter.ToUInt16(gif, 8));
        var position = 13;
        if ((gif[10] & 0x80) != 0) position += 3 << ((gif[10] & 7) + 1); // global colour table
        var images = 0;
        while (true)
        {
            Assert.True(position < gif.Length, "the file ends before its trailer");
            switch (gif[position])
            {
                case 0x21: // extension: label, then sub-blocks
                    position = SkipSubBlocks(gif, position + 2);
                    break;
                case 0x2C: // image descriptor, optional local table, LZW code size, then sub-blocks
                    Assert.Equal((width, height), (BitConverter.ToUInt16(gif, position + 5), BitConverter.ToUInt16(gif, position + 7)));
                    var flags = gif[position + 9];
                    position += 10;
                    if ((flags & 0x80) != 0) position += 3 << ((flags & 7) + 1);
                    position = SkipSubBlocks(gif, position + 1);
                    images++;
                    break;
                case 0x3B:
                    Assert.Equal(gif.Length - 1, position);
                    return (width, height, images);
                default:
                    Assert.Fail($"unexpected block 0x{gif[position]:X2} at byte {position}");
                    break;
            }
        }
    }

    private static int SkipSubBlocks(byte[] gif, int position)
    {
        while (gif[position] != 0) position += gif[position] + 1;
        return position + 1;
    }
}
