using A3C.LibTorch.Native;

namespace A3C.LibTorch;

// Elementwise arithmetic with broadcasting, comparisons, and the elementwise math functions.
public sealed partial class Tensor
{
    private Tensor Unary(UnaryOp op) => new(NativeMethods.a3c_unary(Handle, (int)op));

    private static Tensor Binary(Tensor a, Tensor b, BinaryOp op) => new(NativeMethods.a3c_binary(a.Handle, b.Handle, (int)op));

    private static Tensor Binary(Tensor a, double b, BinaryOp op) => new(NativeMethods.a3c_binary_scalar(a.Handle, b, (int)op));

    private static Tensor Binary(double a, Tensor b, BinaryOp op) => new(NativeMethods.a3c_scalar_binary(a, b.Handle, (int)op));

    public static Tensor operator +(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Add);
    public static Tensor operator +(Tensor a, double b) => Binary(a, b, BinaryOp.Add);
    public static Tensor operator +(double a, Tensor b) => Binary(b, a, BinaryOp.Add);
    public static Tensor operator -(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Sub);
    public static Tensor operator -(Tensor a, double b) => Binary(a, b, BinaryOp.Sub);
    public static Tensor operator -(double a, Tensor b) => Binary(a, b, BinaryOp.Sub);
    public static Tensor operator *(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Mul);
    public static Tensor operator *(Tensor a, double b) => Binary(a, b, BinaryOp.Mul);
    public static Tensor operator *(double a, Tensor b) => Binary(b, a, BinaryOp.Mul);
    public static Tensor operator /(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Div);
    public static Tensor operator /(Tensor a, double b) => Binary(a, b, BinaryOp.Div);
    public static Tensor operator /(double a, Tensor b) => Binary(a, b, BinaryOp.Div);
    public static Tensor operator -(Tensor a) => a.Unary(UnaryOp.Neg);

    // Comparisons give bool tensors, as in PyTorch. == and != stay reference equality; use Eq/Ne.
    public static Tensor operator <(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Lt);
    public static Tensor operator >(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Gt);
    public static Tensor operator <=(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Le);
    public static Tensor operator >=(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Ge);
    public static Tensor operator <(Tensor a, double b) => Binary(a, b, BinaryOp.Lt);
    public static Tensor operator >(Tensor a, double b) => Binary(a, b, BinaryOp.Gt);
    public static Tensor operator <=(Tensor a, double b) => Binary(a, b, BinaryOp.Le);
    public static Tensor operator >=(Tensor a, double b) => Binary(a, b, BinaryOp.Ge);

    public Tensor Eq(Tensor other) => Binary(this, other, BinaryOp.Eq);
    public Tensor Eq(double other) => Binary(this, other, BinaryOp.Eq);
    public Tensor Ne(Tensor other) => Binary(this, other, BinaryOp.Ne);
    public Tensor Ne(double other) => Binary(this, other, BinaryOp.Ne);
    public Tensor LogicalAnd(Tensor other) => Binary(this, other, BinaryOp.LogicalAnd);
    public Tensor LogicalOr(Tensor other) => Binary(this, other, BinaryOp.LogicalOr);
    public Tensor LogicalNot() => Unary(UnaryOp.LogicalNot);

    public Tensor Pow(double exponent) => Binary(this, exponent, BinaryOp.Pow);
    public Tensor Pow(Tensor exponent) => Binary(this, exponent, BinaryOp.Pow);
    public Tensor Remainder(double divisor) => Binary(this, divisor, BinaryOp.Remainder);

    /// <summary>Elementwise maximum of two tensors.</summary>
    public Tensor Maximum(Tensor other) => Binary(this, other, BinaryOp.Maximum);

    /// <summary>Elementwise minimum of two tensors.</summary>
    public Tensor Minimum(Tensor other) => Binary(this, other, BinaryOp.Minimum);

    public Tensor Exp() => Unary(UnaryOp.Exp);
    public Tensor Log() => Unary(UnaryOp.Log);
    public Tensor Log1p() => Unary(UnaryOp.Log1p);
    public Tensor Tanh() => Unary(UnaryOp.Tanh);
    public Tensor Relu() => Unary(UnaryOp.Relu);
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid);
    public Tensor Softplus() => Unary(UnaryOp.Softplus);
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt);
    public Tensor Rsqrt() => Unary(UnaryOp.Rsqrt);
    public Tensor Abs() => Unary(UnaryOp.Abs);
    public Tensor Sign() => Unary(UnaryOp.Sign);
    public Tensor Square() => Unary(UnaryOp.Square);
    public Tensor Floor() => Unary(UnaryOp.Floor);
    public Tensor Reciprocal() => Unary(UnaryOp.Reciprocal);
    public Tensor Sin() => Unary(UnaryOp.Sin);
    public Tensor Cos() => Unary(UnaryOp.Cos);
    public Tensor Neg() => Unary(UnaryOp.Neg);
    public Tensor IsFinite() => Unary(UnaryOp.IsFinite);
    public Tensor IsNan() => Unary(UnaryOp.IsNan);

    public Tensor Clamp(double? min = null, double? max = null)
    {
        if (min is null && max is null) throw new ArgumentException("Clamp needs a minimum, a maximum or both");
        return new(NativeMethods.a3c_clamp(Handle, min ?? 0, max ?? 0, min.HasValue ? 1 : 0, max.HasValue ? 1 : 0));
    }

    public Tensor ClampMin(double min) => Clamp(min: min);
    public Tensor ClampMax(double max) => Clamp(max: max);

    public Tensor Softmax(int dim) => new(NativeMethods.a3c_softmax(Handle, dim));
    public Tensor LogSoftmax(int dim) => new(NativeMethods.a3c_log_softmax(Handle, dim));
    public Tensor MatMul(Tensor other) => new(NativeMethods.a3c_matmul(Handle, other.Handle));

    // ---- in place: these change this tensor and return it, for optimizer-style updates ----

    public Tensor AddInPlace(Tensor other) => InPlace(NativeMethods.a3c_binary_(Handle, other.Handle, (int)BinaryOp.Add));
    public Tensor AddInPlace(double value) => InPlace(NativeMethods.a3c_binary_scalar_(Handle, value, (int)BinaryOp.Add));
    public Tensor SubInPlace(Tensor other) => InPlace(NativeMethods.a3c_binary_(Handle, other.Handle, (int)BinaryOp.Sub));
    public Tensor MulInPlace(Tensor other) => InPlace(NativeMethods.a3c_binary_(Handle, other.Handle, (int)BinaryOp.Mul));
    public Tensor MulInPlace(double value) => InPlace(NativeMethods.a3c_binary_scalar_(Handle, value, (int)BinaryOp.Mul));
    public Tensor DivInPlace(double value) => InPlace(NativeMethods.a3c_binary_scalar_(Handle, value, (int)BinaryOp.Div));
    public Tensor Fill(double value) => InPlace(NativeMethods.a3c_fill_(Handle, value));
    public Tensor Zero() => Fill(0);

    /// <summary>Copies another tensor's values into this one (broadcasting, converting dtype and device).</summary>
    public Tensor CopyFrom(Tensor source) => InPlace(NativeMethods.a3c_copy_(Handle, source.Handle));

    private Tensor InPlace(int status)
    {
        NativeMethods.Check(status);
        return this;
    }
}
