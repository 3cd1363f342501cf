namespace A3C.LibTorch.Nn;

/// <summary>
/// A network building block with named parameters and child modules, as PyTorch's nn.Module.
/// A module owns its parameters: disposing it frees them.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];
    private IReadOnlyList<Tensor>? _allParameters;

    public abstract Tensor Forward(Tensor input);

    /// <summary>This module's parameters and all its descendants', in registration order.</summary>
    public IReadOnlyList<Tensor> Parameters() => _allParameters ??= NamedParameters().Select(p => p.Value).ToArray();

    /// <summary>Parameters with dotted names (<c>0.weight</c>, <c>policy.bias</c>), as in a PyTorch state_dict.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters()
    {
        foreach (var parameter in _parameters) yield return parameter;
        foreach (var (prefix, child) in _children)
        foreach (var (name, tensor) in child.NamedParameters())
            yield return new($"{prefix}.{name}", tensor);
    }

    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => _children;

    /// <summary>The number of scalar parameters (the length of a flat weight snapshot).</summary>
    public long ParameterCount => Parameters().Sum(p => p.NumberOfElements);

    /// <summary>Named parameters as a dictionary; the tensors are this module's own, not copies.</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict() => NamedParameters().ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Copies values from a state dict; a missing, extra or differently shaped entry is an error naming it.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        var own = StateDict();
        var missing = own.Keys.Except(state.Keys).ToArray();
        var unexpected = state.Keys.Except(own.Keys).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
            throw new ArgumentException(
                $"state dict does not match {GetType().Name}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        using var noGrad = Torch.NoGrad();
        foreach (var (name, target) in own)
        {
            var source = state[name];
            if (!source.Shape.SequenceEqual(target.Shape))
                throw new ArgumentException(
                    $"state dict entry '{name}' has shape [{string.Join(", ", source.Shape)}] but the module expects [{string.Join(", ", target.Shape)}]");
            target.CopyFrom(source);
        }
    }

    /// <summary>Moves every parameter to <paramref name="device"/>. Create optimizers after moving.</summary>
    public Module To(Device device)
    {
        Torch.RequireDevice(device);
        for (var i = 0; i < _parameters.Count; i++)
        {
            var (name, old) = _parameters[i];
            if (old.Device == device) continue;
            Tensor moved;
            using (Torch.NoGrad()) moved = old.To(device).DetachFromDisposeScope();
            moved.RequiresGrad = true;
            old.Dispose();
            _parameters[i] = new(name, moved);
        }
        foreach (var (_, child) in _children) child.To(device);
        _allParameters = null;
        return this;
    }

    public void ZeroGrad() => Gradients.Zero(Parameters());

    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        tensor.DetachFromDisposeScope();
        tensor.RequiresGrad = true;
        _parameters.Add(new(name, tensor));
        _allParameters = null;
        return tensor;
    }

    /// <summary>The parameter registered at <paramref name="index"/> (it changes identity when moved).</summary>
    protected Tensor Parameter(int index) => _parameters[index].Value;

    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module
    {
        _children.Add(new(name, module));
        _allParameters = null;
        return module;
    }

    public void Dispose()
    {
        foreach (var (_, parameter) in _parameters) parameter.Dispose();
        foreach (var (_, child) in _children) child.Dispose();
        GC.SuppressFinalize(this);
    }
}
