using A3C.LibTorch.Native;

namespace A3C.LibTorch.Nn;

/// <summary>Stateless network functions and losses, as PyTorch's torch.nn.functional.</summary>
public static class Functional
{
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        var result = new Tensor(NativeMethods.a3c_linear(input.Handle, weight.Handle, bias?.Handle.DangerousGetHandle() ?? IntPtr.Zero));
        GC.KeepAlive(bias);
        return result;
    }

    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0)
    {
        var result = new Tensor(NativeMethods.a3c_conv2d(
            input.Handle, weight.Handle, bias?.Handle.DangerousGetHandle() ?? IntPtr.Zero, stride, stride, padding, padding));
        GC.KeepAlive(bias);
        return result;
    }

    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        new(NativeMethods.a3c_mse_loss(input.Handle, target.Handle, (int)reduction));

    /// <summary>Huber-style loss: quadratic below <paramref name="beta"/>, linear above.</summary>
    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0) =>
        new(NativeMethods.a3c_smooth_l1_loss(input.Handle, target.Handle, (int)reduction, beta));
}
