namespace A3C.Models.Environments.Rendering;

/// <summary>
/// The variable-width LZW of GIF image data: 8-bit symbols, codes from 9 up to 12 bits packed least-significant
/// bit first, a clear code first and whenever the 4096-entry table fills, an end code last, all in data sub-blocks
/// of at most 255 bytes.
/// </summary>
internal static class GifLzwEncoder
{
    public const int MinimumCodeSize = 8;
    private const int ClearCode = 1 << MinimumCodeSize;
    private const int EndCode = ClearCode + 1;
    private const int MaxCode = (1 << 12) - 1;

    public static void Encode(ReadOnlySpan<byte> symbols, BinaryWriter writer)
    {
        var output = new SubBlockWriter(writer);
        var table = new Dictionary<int, int>(MaxCode);
        var width = MinimumCodeSize + 1;
        var lastCode = EndCode; // the code most recently assigned (none yet beyond the two specials)

        output.Write(ClearCode, width);
        var prefix = (int)symbols[0];
        for (var i = 1; i < symbols.Length; i++)
        {
            var symbol = symbols[i];
            var key = (prefix << 8) | symbol;
            if (table.TryGetValue(key, out var code))
            {
                prefix = code;
                continue;
            }
            output.Write(prefix, width);
            prefix = symbol;
            if (Advance(ref lastCode, ref width, output, table))
                table[key] = lastCode;
        }
        output.Write(prefix, width);
        // The decoder adds an entry for this code too, which may widen the end code.
        Advance(ref lastCode, ref width, output, table);
        output.Write(EndCode, width);
        output.Flush();
    }

    /// <summary>Takes the next code; widens codes when it needs another bit; clears the table when it is full.</summary>
    /// <returns>False when the table was just cleared, so nothing is added.</returns>
    private static bool Advance(ref int lastCode, ref int width, SubBlockWriter output, Dictionary<int, int> table)
    {
        lastCode++;
        if (lastCode == 1 << width && width < 12)
            width++;
        if (lastCode < MaxCode)
            return true;
        output.Write(ClearCode, width);
        table.Clear();
        width = MinimumCodeSize + 1;
        lastCode = EndCode;
        return false;
    }

    /// <summary>Packs codes LSB-first into bytes and the bytes into length-prefixed sub-blocks.</summary>
    private sealed class SubBlockWriter(BinaryWriter writer)
    {
        private readonly byte[] block = new byte[255];
        private int blockLength;
        private int bitBuffer;
        private int bitCount;

        public void Write(int code, int width)
        {
            bitBuffer |= code << bitCount;
            bitCount += width;
            while (bitCount >= 8)
            {
                Put((byte)bitBuffer);
                bitBuffer >>= 8;
                bitCount -= 8;
            }
        }

        public void Flush()
        {
            if (bitCount > 0)
                Put((byte)bitBuffer);
            bitBuffer = 0;
            bitCount = 0;
            if (blockLength > 0)
                EmitBlock();
            writer.Write((byte)0); // block terminator
        }

        private void Put(byte value)
        {
            block[blockLength++] = value;
            if (blockLength == block.Length)
                EmitBlock();
        }

        private void EmitBlock()
        {
            writer.Write((byte)blockLength);
            writer.Write(block, 0, blockLength);
            blockLength = 0;
        }
    }
}
