namespace A3C.LibTorch.Optim;

/// <summary>RMSprop with PyTorch's update rule (optionally centered, with momentum).</summary>
public sealed class RmsProp(IReadOnlyList<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
    double weightDecay = 0, double momentum = 0, bool centered = false)
    : Optimizer(parameters, Native.OptimizerKind.RmsProp, lr, alpha, beta2: 0, eps, weightDecay, momentum, centered);
