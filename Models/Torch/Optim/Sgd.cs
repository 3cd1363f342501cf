namespace A3C.LibTorch.Optim;

/// <summary>Stochastic gradient descent with optional momentum, as PyTorch's SGD.</summary>
public sealed class Sgd(IReadOnlyList<Tensor> parameters, double lr, double momentum = 0, double weightDecay = 0)
    : Optimizer(parameters, Native.OptimizerKind.Sgd, lr, beta1OrAlpha: 0, beta2: 0, eps: 0, weightDecay, momentum, centered: false);
