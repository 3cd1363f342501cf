using A3C.LibTorch.Native;

namespace A3C.LibTorch;

// Slicing, selecting, gathering and masking.
public sealed partial class Tensor
{
    /// <summary>Elements <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) along a dimension.</summary>
    public Tensor Slice(int dim, long start, long end, long step = 1) => new(NativeMethods.a3c_slice(Handle, dim, start, end, step));

    public Tensor Narrow(int dim, long start, long length) => Slice(dim, start, start + length);

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="dim"/>, removing that dimension.</summary>
    public Tensor Select(int dim, long index) => new(NativeMethods.a3c_select(Handle, dim, index));

    public Tensor this[long index] => Select(0, index);

    /// <summary>Picks, along <paramref name="dim"/>, the elements named by an int64 <paramref name="index"/> of the same rank.</summary>
    public Tensor Gather(int dim, Tensor index) => new(NativeMethods.a3c_gather(Handle, dim, index.Handle));

    public Tensor IndexSelect(int dim, Tensor index) => new(NativeMethods.a3c_index_select(Handle, dim, index.Handle));

    public Tensor MaskedFill(Tensor mask, double value) => new(NativeMethods.a3c_masked_fill(Handle, mask.Handle, value));

    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-d tensor.</summary>
    public Tensor MaskedSelect(Tensor mask) => new(NativeMethods.a3c_masked_select(Handle, mask.Handle));

    /// <summary>One-hot encoding of an int64 tensor of class indices.</summary>
    public Tensor OneHot(long classes) => new(NativeMethods.a3c_one_hot(Handle, classes));

    /// <summary>Draws <paramref name="samples"/> indices per row from the probabilities in this tensor.</summary>
    public Tensor Multinomial(long samples, bool replacement = false, Generator? generator = null)
    {
        var result = new Tensor(NativeMethods.a3c_multinomial(Handle, samples, replacement ? 1 : 0, Generator.Raw(generator)));
        GC.KeepAlive(generator);
        return result;
    }
}
