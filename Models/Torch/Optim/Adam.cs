namespace A3C.LibTorch.Optim;

/// <summary>
/// Adam (Kingma and Ba, 2015) with PyTorch's update rule. A2C for Atari uses eps = 1e-3, much
/// larger than the default, to damp updates where the second-moment estimate is tiny.
/// </summary>
public sealed class Adam(IReadOnlyList<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 0)
    : Optimizer(parameters, Native.OptimizerKind.Adam, lr, beta1, beta2, eps, weightDecay, momentum: 0, centered: false);
