using A3C.LibTorch.Native;

namespace A3C.LibTorch;

// Reductions over all elements (a 0-d tensor) or along one dimension.
public sealed partial class Tensor
{
    private Tensor Reduce(ReduceOp op) => new(NativeMethods.a3c_reduce(Handle, (int)op));

    private Tensor Reduce(ReduceOp op, int dim, bool keepDim) =>
        new(NativeMethods.a3c_reduce_dim(Handle, (int)op, dim, keepDim ? 1 : 0));

    public Tensor Sum() => Reduce(ReduceOp.Sum);
    public Tensor Sum(int dim, bool keepDim = false) => Reduce(ReduceOp.Sum, dim, keepDim);
    public Tensor Mean() => Reduce(ReduceOp.Mean);
    public Tensor Mean(int dim, bool keepDim = false) => Reduce(ReduceOp.Mean, dim, keepDim);
    public Tensor Max() => Reduce(ReduceOp.Max);
    public Tensor Max(int dim, bool keepDim = false) => Reduce(ReduceOp.Max, dim, keepDim);
    public Tensor Min() => Reduce(ReduceOp.Min);
    public Tensor Min(int dim, bool keepDim = false) => Reduce(ReduceOp.Min, dim, keepDim);
    public Tensor ArgMax() => Reduce(ReduceOp.ArgMax);
    public Tensor ArgMax(int dim, bool keepDim = false) => Reduce(ReduceOp.ArgMax, dim, keepDim);
    public Tensor ArgMin(int dim, bool keepDim = false) => Reduce(ReduceOp.ArgMin, dim, keepDim);
    public Tensor Prod() => Reduce(ReduceOp.Prod);

    /// <summary>Standard deviation with Bessel's correction, as torch.std.</summary>
    public Tensor Std() => Reduce(ReduceOp.Std);
    public Tensor Std(int dim, bool keepDim = false) => Reduce(ReduceOp.Std, dim, keepDim);

    /// <summary>Variance with Bessel's correction, as torch.var.</summary>
    public Tensor Var() => Reduce(ReduceOp.Var);
    public Tensor Var(int dim, bool keepDim = false) => Reduce(ReduceOp.Var, dim, keepDim);
    public Tensor All() => Reduce(ReduceOp.All);
    public Tensor Any() => Reduce(ReduceOp.Any);
    public Tensor LogSumExp(int dim, bool keepDim = false) => Reduce(ReduceOp.LogSumExp, dim, keepDim);

    /// <summary>The L2 norm of all elements.</summary>
    public Tensor Norm() => Reduce(ReduceOp.Norm);
    public Tensor Norm(int dim, bool keepDim = false) => Reduce(ReduceOp.Norm, dim, keepDim);
}
