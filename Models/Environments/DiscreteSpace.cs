namespace A3C.Models.Environments;

/// <summary>The integers <c>0 .. N-1</c>, like Gymnasium's <c>Discrete(n)</c>.</summary>
public sealed class DiscreteSpace : Space
{
    public DiscreteSpace(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        N = n;
    }

    public int N { get; }

    /// <summary>A discrete action is one integer.</summary>
    public override int Size => 1;

    public bool Contains(int value) => (uint)value < (uint)N;

    public override string ToString() => $"Discrete({N})";
}
