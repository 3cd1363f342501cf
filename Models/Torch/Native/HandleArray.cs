using System.Buffers;

namespace A3C.LibTorch.Native;

/// <summary>
/// The raw handles of a list of tensors, for native calls that take <c>tensor_t*</c>. Each handle
/// is AddRef'd for the duration so a concurrent dispose cannot free it mid-call.
/// </summary>
internal readonly struct HandleArray : IDisposable
{
    private readonly IntPtr[] _pointers;
    private readonly IReadOnlyList<Tensor> _tensors;

    public HandleArray(IReadOnlyList<Tensor> tensors)
    {
        _tensors = tensors;
        _pointers = ArrayPool<IntPtr>.Shared.Rent(Math.Max(1, tensors.Count));
        for (var i = 0; i < tensors.Count; i++)
        {
            var added = false;
            tensors[i].Handle.DangerousAddRef(ref added);
            _pointers[i] = tensors[i].Handle.DangerousGetHandle();
        }
    }

    public int Count => _tensors.Count;

    /// <summary>The handle array; pin it with <c>fixed</c> for the call.</summary>
    public IntPtr[] Pointers => _pointers;

    public void Dispose()
    {
        for (var i = 0; i < _tensors.Count; i++) _tensors[i].Handle.DangerousRelease();
        ArrayPool<IntPtr>.Shared.Return(_pointers);
    }
}
