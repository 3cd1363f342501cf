using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace A3C.Actors.Persistence.Checkpoints;

/// <summary>
/// The binary form of a <see cref="LearnerState"/> in the snapshot store: a fixed header, the
/// strings and arrays length-prefixed, and a SHA-256 of all of it as a trailer, verified on load.
/// Arrays are copied once, straight into the stored buffer: a 39 MiB Pong snapshot costs one copy
/// and one hash, never a text encoding.
/// </summary>
public static class CheckpointEncoding
{
    // "A3CK" then a format version: a different version is refused by name, not misread.
    private const uint Magic = 0x4B433341;
    private const int Version = 1;
    private const int ChecksumLength = SHA256.HashSizeInBytes;

    public static EncodedCheckpoint Encode(LearnerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var mode = Encoding.UTF8.GetBytes(state.Mode);
        var environment = Encoding.UTF8.GetBytes(state.Environment);
        var config = Encoding.UTF8.GetBytes(state.Config);
        long size = 4 + 4 + 8 * 3 + 1 + 8 + 8 + 6 * 4
                    + mode.Length + environment.Length + config.Length + state.BlobBytes + ChecksumLength;
        if (size > Array.MaxLength)
            throw new ArgumentException($"the learner state of step {state.Step} is {size} bytes, more than one snapshot can hold.");

        var bytes = GC.AllocateUninitializedArray<byte>((int)size);
        var writer = new SpanWriter(bytes);
        writer.UInt32(Magic);
        writer.Int32(Version);
        writer.Int64(state.Step);
        writer.Int64(state.Frames);
        writer.Int64(state.Episodes);
        writer.Byte(state.MeanReward is null ? (byte)0 : (byte)1);
        writer.Double(state.MeanReward ?? 0);
        writer.Int64(state.Timestamp.UtcTicks);
        writer.Bytes(mode);
        writer.Bytes(environment);
        writer.Bytes(config);
        writer.Bytes(state.Weights);
        writer.Bytes(state.Optimizer);
        writer.Bytes(state.RandomState);
        var checksum = SHA256.HashData(bytes.AsSpan(0, writer.Position));
        writer.Raw(checksum);
        return new EncodedCheckpoint(state.Step, bytes, checksum);
    }

    /// <summary>The state, or a <see cref="DamagedCheckpoint"/> saying why the bytes cannot be trusted.</summary>
    public static object Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 8 + ChecksumLength)
            return new DamagedCheckpoint($"it is {bytes.Length} bytes long, too short to be a checkpoint (truncated?)");
        var body = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        Span<byte> actual = stackalloc byte[ChecksumLength];
        SHA256.HashData(body, actual);
        if (!actual.SequenceEqual(bytes.AsSpan(body.Length)))
            return new DamagedCheckpoint($"its SHA-256 does not match the one stored with it ({bytes.Length} bytes): it was changed or damaged after it was written");

        try
        {
            var reader = new SpanReader(bytes, body.Length);
            if (reader.UInt32() != Magic) return new DamagedCheckpoint("it is not an a3c learner checkpoint (wrong magic number)");
            if (reader.Int32() is var version and not Version)
                return new DamagedCheckpoint($"it has format version {version}, this a3c reads version {Version}: use the a3c version that wrote it");
            var step = reader.Int64();
            var frames = reader.Int64();
            var episodes = reader.Int64();
            var hasReward = reader.Byte() != 0;
            var reward = reader.Double();
            var timestamp = new DateTimeOffset(reader.Int64(), TimeSpan.Zero);
            var mode = Encoding.UTF8.GetString(reader.Bytes());
            var environment = Encoding.UTF8.GetString(reader.Bytes());
            var config = Encoding.UTF8.GetString(reader.Bytes());
            var weights = reader.Bytes().ToArray();
            var optimizer = reader.Bytes().ToArray();
            var random = reader.Bytes().ToArray();
            if (reader.Position != body.Length)
                return new DamagedCheckpoint($"{body.Length - reader.Position} bytes follow its last field");
            return new LearnerState(step, frames, episodes, hasReward ? reward : null, timestamp, mode, environment, config, weights, optimizer, random);
        }
        catch (ArgumentOutOfRangeException)
        {
            return new DamagedCheckpoint("a length in it runs past its end");
        }
    }

    private ref struct SpanWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void Byte(byte value) => _buffer[Position++] = value;

        public void UInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Next(4), value);

        public void Int32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Next(4), value);

        public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Next(8), value);

        public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Next(8), value);

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Int32(value.Length);
            Raw(value);
        }

        public void Raw(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_buffer[Position..]);
            Position += value.Length;
        }

        private Span<byte> Next(int length)
        {
            var slice = _buffer.Slice(Position, length);
            Position += length;
            return slice;
        }
    }

    private ref struct SpanReader(ReadOnlySpan<byte> buffer, int end)
    {
        private readonly ReadOnlySpan<byte> _buffer = buffer[..end];

        public int Position { get; private set; }

        public byte Byte() => _buffer[Position++];

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public ReadOnlySpan<byte> Bytes()
        {
            var length = Int32();
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length));
            return Take(length);
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            var slice = _buffer.Slice(Position, length);
            Position += length;
            return slice;
        }
    }
}
