namespace A3C.Models.Environments;

/// <summary>The set of valid actions or observations of an environment, as Gymnasium's <c>spaces</c> describe them.</summary>
public abstract class Space
{
    /// <summary>Number of scalars one element of the space occupies in a flat buffer.</summary>
    public abstract int Size { get; }
}
