using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.Box2D;

/// <summary>Filled and outlined polygons on an <see cref="RgbFrame"/>, for the Box2D tasks' simple pictures.</summary>
internal static class Polygons
{
    /// <summary>Fills a simple polygon (pixel coordinates) with the even-odd rule, sampling pixel centres.</summary>
    public static void Fill(RgbFrame frame, ReadOnlySpan<(double X, double Y)> points, Rgb colour)
    {
        var top = double.PositiveInfinity;
        var bottom = double.NegativeInfinity;
        foreach (var (_, y) in points)
        {
            top = Math.Min(top, y);
            bottom = Math.Max(bottom, y);
        }
        var firstRow = Math.Max(0, (int)Math.Floor(top));
        var lastRow = Math.Min(frame.Height - 1, (int)Math.Ceiling(bottom));
        Span<double> crossings = stackalloc double[points.Length];
        for (var row = firstRow; row <= lastRow; row++)
        {
            var y = row + 0.5;
            var count = 0;
            for (var i = 0; i < points.Length; i++)
            {
                var a = points[i];
                var b = points[(i + 1) % points.Length];
                if ((a.Y <= y && b.Y > y) || (b.Y <= y && a.Y > y))
                    crossings[count++] = a.X + (y - a.Y) / (b.Y - a.Y) * (b.X - a.X);
            }
            crossings[..count].Sort();
            for (var k = 0; k + 1 < count; k += 2)
            {
                var from = Math.Max(0, (int)Math.Ceiling(crossings[k] - 0.5));
                var to = Math.Min(frame.Width - 1, (int)Math.Floor(crossings[k + 1] - 0.5));
                for (var x = from; x <= to; x++)
                    frame[x, row] = colour;
            }
        }
    }

    /// <summary>Draws the closed outline of a polygon one pixel wide.</summary>
    public static void Outline(RgbFrame frame, ReadOnlySpan<(double X, double Y)> points, Rgb colour)
    {
        for (var i = 0; i < points.Length; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % points.Length];
            frame.DrawLine(a.X, a.Y, b.X, b.Y, 1, colour);
        }
    }
}
