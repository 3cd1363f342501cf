using System.Buffers;
using System.Runtime.InteropServices;

namespace A3C.Actors.Remote.Serialization;

/// <summary>An array of unmanaged values seen as <see cref="Memory{T}"/> of its bytes, without copying.</summary>
internal sealed class ArrayBytes<T>(T[] array) : MemoryManager<byte> where T : unmanaged
{
    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan());

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle, this);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
