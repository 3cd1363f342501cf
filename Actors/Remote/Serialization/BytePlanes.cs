using System.Runtime.InteropServices;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// Reorders an array's bytes into planes: byte 0 of every element, then byte 1 of every element,
/// and so on. The bytes of a float32 weight that vary little (sign and exponent) then lie
/// together where a compressor finds them, instead of between two bytes of random mantissa.
/// </summary>
internal static class BytePlanes
{
    public static void Split(ReadOnlySpan<byte> values, int elementSize, Span<byte> planes)
    {
        var count = values.Length / elementSize;
        if (elementSize == sizeof(uint))
        {
            // The common case (float32), one load per element instead of four.
            var words = MemoryMarshal.Cast<byte, uint>(values);
            var p0 = planes[..count];
            var p1 = planes.Slice(count, count);
            var p2 = planes.Slice(2 * count, count);
            var p3 = planes.Slice(3 * count, count);
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                p0[i] = (byte)word;
                p1[i] = (byte)(word >> 8);
                p2[i] = (byte)(word >> 16);
                p3[i] = (byte)(word >> 24);
            }
            return;
        }
        for (var plane = 0; plane < elementSize; plane++)
        {
            var target = planes.Slice(plane * count, count);
            for (var i = 0; i < count; i++) target[i] = values[i * elementSize + plane];
        }
    }

    public static void Join(ReadOnlySpan<byte> planes, int elementSize, Span<byte> values)
    {
        var count = values.Length / elementSize;
        if (elementSize == sizeof(uint))
        {
            var words = MemoryMarshal.Cast<byte, uint>(values);
            var p0 = planes[..count];
            var p1 = planes.Slice(count, count);
            var p2 = planes.Slice(2 * count, count);
            var p3 = planes.Slice(3 * count, count);
            for (var i = 0; i < words.Length; i++)
                words[i] = p0[i] | (uint)p1[i] << 8 | (uint)p2[i] << 16 | (uint)p3[i] << 24;
            return;
        }
        for (var plane = 0; plane < elementSize; plane++)
        {
            var source = planes.Slice(plane * count, count);
            for (var i = 0; i < count; i++) values[i * elementSize + plane] = source[i];
        }
    }
}
