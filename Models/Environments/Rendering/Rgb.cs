namespace A3C.Models.Environments.Rendering;

/// <summary>A 24-bit colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb White => new(255, 255, 255);

    public static Rgb Black => new(0, 0, 0);

    public static Rgb Gray(byte level) => new(level, level, level);
}
