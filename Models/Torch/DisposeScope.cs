namespace A3C.LibTorch;

/// <summary>
/// Frees every tensor created on this thread while the scope is open, when the scope is disposed,
/// so the temporaries of a training step are released deterministically rather than by the GC.
/// Tensors that must outlive the scope are moved out with <see cref="Tensor.MoveToOuterDisposeScope"/>
/// or <see cref="Tensor.DetachFromDisposeScope"/>.
/// </summary>
/// <remarks>
/// Scopes nest per thread, like libtorch's own grad mode: an actor's step runs on one thread at a
/// time, so the innermost open scope of the current thread is where its tensors belong.
/// </remarks>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? t_current;

    private readonly List<Tensor> _owned = [];
    private bool _disposed;

    private DisposeScope(DisposeScope? outer) => Outer = outer;

    /// <summary>The innermost open scope of the calling thread, if any.</summary>
    public static DisposeScope? Current => t_current;

    internal DisposeScope? Outer { get; }

    /// <summary>How many tensors the scope still owns.</summary>
    public int Count => _owned.Count(t => t.Scope == this);

    internal static DisposeScope Open()
    {
        var scope = new DisposeScope(t_current);
        t_current = scope;
        return scope;
    }

    internal void Adopt(Tensor tensor)
    {
        tensor.Scope = this;
        _owned.Add(tensor);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var tensor in _owned)
        {
            if (tensor.Scope == this) tensor.Dispose();
        }
        _owned.Clear();
        if (t_current == this) t_current = Outer;
    }
}
