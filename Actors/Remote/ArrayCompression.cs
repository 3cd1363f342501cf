namespace A3C.Actors.Remote;

/// <summary>
/// How a node compresses large arrays (weight snapshots, gradients) it sends. A node reads a
/// compressed array whatever its own setting, so nodes of one cluster may differ.
/// </summary>
public enum ArrayCompression
{
    /// <summary>Arrays travel as their raw bytes: fastest wherever the link is faster than about 100 Mbit/s.</summary>
    Off,

    /// <summary>
    /// Brotli at its fastest quality over the array's bytes split into planes (every element's
    /// first byte, then every second byte, ...), so the exponent bytes of floats sit together.
    /// </summary>
    Brotli,
}
