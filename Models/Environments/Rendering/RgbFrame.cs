namespace A3C.Models.Environments.Rendering;

/// <summary>An RGB image, row-major, three bytes per pixel, origin at the top-left (as Gymnasium's <c>rgb_array</c>).</summary>
public sealed class RgbFrame
{
    public RgbFrame(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R, G, B of each pixel, row after row.</summary>
    public byte[] Pixels { get; }

    public Rgb this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
        set
        {
            var i = (y * Width + x) * 3;
            Pixels[i] = value.R;
            Pixels[i + 1] = value.G;
            Pixels[i + 2] = value.B;
        }
    }

    /// <summary>Sets every pixel to <paramref name="colour"/>.</summary>
    public void Clear(Rgb colour) => FillRectangle(0, 0, Width, Height, colour);

    /// <summary>Fills the rectangle clipped to the frame; coordinates are in pixels, origin top-left.</summary>
    public void FillRectangle(int x, int y, int width, int height, Rgb colour)
    {
        var x0 = Math.Max(x, 0);
        var y0 = Math.Max(y, 0);
        var x1 = Math.Min(x + width, Width);
        var y1 = Math.Min(y + height, Height);
        for (var row = y0; row < y1; row++)
        {
            for (var column = x0; column < x1; column++)
                this[column, row] = colour;
        }
    }

    /// <summary>Fills a disc of the given radius around a centre point.</summary>
    public void FillCircle(double centreX, double centreY, double radius, Rgb colour)
    {
        var x0 = Math.Max((int)Math.Floor(centreX - radius), 0);
        var x1 = Math.Min((int)Math.Ceiling(centreX + radius), Width - 1);
        var y0 = Math.Max((int)Math.Floor(centreY - radius), 0);
        var y1 = Math.Min((int)Math.Ceiling(centreY + radius), Height - 1);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var dx = x + 0.5 - centreX;
                var dy = y + 0.5 - centreY;
                if (dx * dx + dy * dy <= radius * radius)
                    this[x, y] = colour;
            }
        }
    }

    /// <summary>Draws a line of the given thickness as a row of discs along it (simple, and good enough for rods).</summary>
    public void DrawLine(double x0, double y0, double x1, double y1, double thickness, Rgb colour)
    {
        var length = Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
        var steps = Math.Max(1, (int)Math.Ceiling(length * 2));
        for (var i = 0; i <= steps; i++)
        {
            var t = (double)i / steps;
            FillCircle(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, thickness / 2, colour);
        }
    }
}
