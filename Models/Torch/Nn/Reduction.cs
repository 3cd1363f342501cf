namespace A3C.LibTorch.Nn;

/// <summary>How a loss combines its elementwise terms; values are libtorch's at::Reduction.</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}
