namespace A3C.Host.Tests.Interop;

/// <summary>A theory that xunit reports as skipped, with the reason, where Debian's PyTorch is missing.</summary>
/// <remarks>xunit 2 can only skip from an attribute, so the check runs when tests are discovered.</remarks>
public sealed class PythonTorchTheoryAttribute : TheoryAttribute
{
    public PythonTorchTheoryAttribute()
    {
        if (PythonTorch.WhyUnavailable is { } reason) Skip = reason;
    }
}
