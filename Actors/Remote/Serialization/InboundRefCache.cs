using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// The recipient and sender refs of one inbound connection's recent messages, keyed by their wire
/// bytes (path and uid). A peer names the same few actors over and over; finding them here skips
/// decoding the path into a string and the node-wide lookup for every message. Direct-mapped and
/// fixed in size, so it needs no eviction and never grows; it is only used by its connection's
/// reader, so it needs no locks. A ref that has terminated since is resolved afresh (a restarted
/// actor, a completed Ask), exactly as <see cref="ActorRefSerializer"/> would.
/// </summary>
internal sealed class InboundRefCache(ActorRefSerializer refs)
{
    private const int SlotBits = 8;
    private const int Slots = 1 << SlotBits;
    // Paths longer than this are rare and resolved without the cache, to keep stack copies small.
    private const int MaxCachedPathBytes = 512;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>Reads a ref in <see cref="IActorRefSerializer"/>'s wire form.</summary>
    public IActorRef? Read(ref SequenceReader<byte> input)
    {
        var start = input.Consumed;
        if (input.TryReadLittleEndian(out int length) && length == -1) return null;
        if (length is < 1 or > MaxCachedPathBytes || input.Remaining < length + sizeof(long))
        {
            // Truncated, absurd or unusually long: the serializer reads it (or says what is wrong with it).
            input.Rewind(input.Consumed - start);
            return refs.Read(ref input);
        }

        // Usually the path lies in one segment; one split across segments is copied out first.
        Span<byte> copy = input.UnreadSpan.Length >= length ? default : stackalloc byte[length];
        ReadOnlySpan<byte> path = copy.IsEmpty ? input.UnreadSpan[..length] : copy;
        if (!copy.IsEmpty) input.TryCopyTo(copy);
        input.Advance(length);
        var uid = Wire.ReadInt64(ref input);

        ref var entry = ref _entries[SlotOf(path, uid)];
        if (entry.Ref is { IsTerminated: false } cached && entry.Uid == uid && path.SequenceEqual(entry.Path)) return cached;

        var resolved = refs.Resolve(Encoding.UTF8.GetString(path), uid);
        entry = resolved.IsTerminated ? default : new Entry(path.ToArray(), uid, resolved);
        return resolved;
    }

    /// <summary>
    /// Paths of one peer share their address and usually their parents, so the last eight bytes
    /// (the actor's own name) and the uid tell them apart; a collision only costs a lookup.
    /// </summary>
    private static int SlotOf(ReadOnlySpan<byte> path, long uid)
    {
        Span<byte> tail = stackalloc byte[sizeof(ulong)];
        tail.Clear();
        path[Math.Max(0, path.Length - sizeof(ulong))..].CopyTo(tail);
        var mixed = (BinaryPrimitives.ReadUInt64LittleEndian(tail) ^ (ulong)uid ^ (ulong)path.Length) * 0x9E3779B97F4A7C15UL;
        return (int)(mixed >> (64 - SlotBits));
    }

    private readonly record struct Entry(byte[] Path, long Uid, ActorRefBase? Ref);
}
