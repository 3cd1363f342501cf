using System.Diagnostics;
using A3C.LibTorch;

namespace A3C.Models.Tests.LibTorch;

public sealed class DisposeScopeTests
{
    [Fact]
    public void Scope_frees_its_temporaries_and_spares_what_was_moved_out()
    {
        Tensor kept, temporary;
        using (var outer = Torch.NewDisposeScope())
        {
            using (Torch.NewDisposeScope())
            {
                temporary = Torch.Ones(3) * 2;
                kept = (temporary + 1).MoveToOuterDisposeScope();
            }
            Assert.True(temporary.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal(9, kept.Sum().ToDouble());
        }
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void Detached_tensors_belong_to_the_caller()
    {
        Tensor owned;
        using (Torch.NewDisposeScope()) owned = Torch.Zeros(2).DetachFromDisposeScope();
        Assert.False(owned.IsDisposed);
        owned.Dispose();
        Assert.True(owned.IsDisposed);
    }

    [Fact]
    public void A_million_temporary_ops_inside_scopes_leave_resident_memory_flat()
    {
        using var weights = Torch.Randn([64, 64]).DetachFromDisposeScope();
        void Burst(int steps)
        {
            for (var step = 0; step < steps; step++)
            {
                using var scope = Torch.NewDisposeScope();
                // 10 ops a step, each leaving a 64x64 temporary (16 KiB) behind if not freed.
                var x = weights * 1.5;
                for (var i = 0; i < 9; i++) x = (x + 0.1).Tanh();
            }
        }

        Burst(10_000); // warm up allocators and caches
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        Burst(100_000); // one million ops
        GC.Collect();
        var after = Process.GetCurrentProcess().WorkingSet64;
        // Leaking the temporaries would cost about 16 GB; freeing them keeps growth to noise.
        Assert.True(after - before < 64L << 20, $"resident memory grew by {(after - before) >> 20} MiB");
    }
}
