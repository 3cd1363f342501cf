namespace A3C.LibTorch.Native;

// These mirror the enums in Native/src/tensor_ops.cpp, nn.cpp and optim.cpp, value for value.

internal enum UnaryOp
{
    Neg, Exp, Log, Tanh, Relu, Sigmoid, Softplus, Sqrt, Abs, Sign, Square, IsFinite, LogicalNot, Floor,
    Reciprocal, Rsqrt, Log1p, Sin, Cos, IsNan,
}

internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, Remainder,
}

internal enum ReduceOp
{
    Sum, Mean, Max, Min, ArgMax, ArgMin, Std, Var, All, Any, LogSumExp, Prod, Norm,
}

internal enum InitKind
{
    Orthogonal, XavierUniform, XavierNormal, KaimingUniform, Uniform, Normal, Constant,
}

internal enum OptimizerKind
{
    Sgd, Adam, RmsProp,
}

internal enum FlatPart
{
    Data, Grad,
}
