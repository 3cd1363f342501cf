using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace A3C.Actors.Remote.Transport;

/// <summary>
/// Kestrel's default pool hands its socket transport 4 KiB blocks, so a 64 KiB chunk takes sixteen
/// receive calls and sixteen wake-ups of the frame reader. Blocks of at least <see cref="BlockSize"/>
/// let one receive take a whole chunk; they come from the shared array pool, so idle connections
/// hold nothing.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    public override int MaxBufferSize => Array.MaxLength;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Block(Math.Max(minBufferSize, BlockSize));

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(int size) : IMemoryOwner<byte>
    {
        private byte[]? _array = ArrayPool<byte>.Shared.Rent(size);

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } array) ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>Registered in Kestrel's services so its socket transport draws from this pool.</summary>
    public sealed class Factory : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
    }
}
