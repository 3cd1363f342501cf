using System.Buffers.Binary;
using System.Text;

namespace A3C.Host.Tests.Telemetry;

/// <summary>A decoded TensorBoard <c>Event</c>: the fields the writer is expected to set.</summary>
public sealed record DecodedEvent(double WallTime, long Step, string? FileVersion, IReadOnlyDictionary<string, float> Scalars);

/// <summary>
/// Reads a TFRecord file of <c>Event</c> protos the way TensorBoard does, checking each record's
/// framing CRCs; written from the format description, not from the writer.
/// </summary>
public static class EventFileReader
{
    public static List<DecodedEvent> Read(byte[] file)
    {
        var events = new List<DecodedEvent>();
        var offset = 0;
        while (offset < file.Length)
        {
            Assert.True(file.Length - offset >= 16, $"truncated record header at byte {offset}");
            var lengthBytes = file.AsSpan(offset, 8);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes));
            Assert.Equal(ReferenceCrc32C.Masked(lengthBytes), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8, 4)));
            var data = file.AsSpan(offset + 12, length);
            Assert.Equal(ReferenceCrc32C.Masked(data), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 12 + length, 4)));
            events.Add(DecodeEvent(data.ToArray()));
            offset += 12 + length + 4;
        }
        return events;
    }

    private static DecodedEvent DecodeEvent(byte[] message)
    {
        double wallTime = 0;
        long step = 0;
        string? version = null;
        var scalars = new Dictionary<string, float>();
        foreach (var (field, wireType, value) in Fields(message))
        {
            switch (field, wireType)
            {
                case (1, 1): wallTime = BitConverter.Int64BitsToDouble((long)value.Number); break;
                case (2, 0): step = (long)value.Number; break;
                case (3, 2): version = Encoding.UTF8.GetString(value.Bytes); break;
                case (5, 2):
                    foreach (var (summaryField, summaryType, entry) in Fields(value.Bytes))
                    {
                        Assert.Equal((1, 2), (summaryField, summaryType));
                        var (tag, simpleValue) = DecodeValue(entry.Bytes);
                        scalars.Add(tag, simpleValue);
                    }
                    break;
                default: Assert.Fail($"unexpected Event field {field} of wire type {wireType}"); break;
            }
        }
        return new DecodedEvent(wallTime, step, version, scalars);
    }

    private static (string Tag, float Value) DecodeValue(byte[] message)
    {
        string? tag = null;
        float? value = null;
        foreach (var (field, wireType, content) in Fields(message))
        {
            if ((field, wireType) == (1, 2)) tag = Encoding.UTF8.GetString(content.Bytes);
            else if ((field, wireType) == (2, 5)) value = BitConverter.Int32BitsToSingle((int)content.Number);
            else Assert.Fail($"unexpected Summary.Value field {field} of wire type {wireType}");
        }
        Assert.NotNull(tag);
        Assert.NotNull(value);
        return (tag!, value!.Value);
    }

    private readonly record struct FieldValue(ulong Number, byte[] Bytes);

    private static IEnumerable<(int Field, int WireType, FieldValue Value)> Fields(byte[] message)
    {
        var i = 0;
        while (i < message.Length)
        {
            var key = ReadVarint(message, ref i);
            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            FieldValue value = wireType switch
            {
                0 => new FieldValue(ReadVarint(message, ref i), []),
                1 => new FieldValue(BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(Advance(ref i, 8), 8)), []),
                5 => new FieldValue(BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(Advance(ref i, 4), 4)), []),
                2 => ReadBytes(message, ref i),
                _ => throw new FormatException($"unsupported wire type {wireType}"),
            };
            yield return (field, wireType, value);
        }
    }

    private static FieldValue ReadBytes(byte[] message, ref int i)
    {
        var length = (int)ReadVarint(message, ref i);
        return new FieldValue(0, message.AsSpan(Advance(ref i, length), length).ToArray());
    }

    private static int Advance(ref int i, int by)
    {
        var start = i;
        i += by;
        return start;
    }

    private static ulong ReadVarint(byte[] message, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
