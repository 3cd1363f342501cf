using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.ClassicControl;

/// <summary>The valley both mountain-car tasks share: its bounds, its height profile and its picture.</summary>
internal static class MountainCarTrack
{
    public const double MinPosition = -1.2;
    public const double MaxPosition = 0.6;
    public const double MaxSpeed = 0.07;
    public const double Gravity = 0.0025;

    public static double Height(double position) => Math.Sin(3 * position) * 0.45 + 0.55;

    public static RgbFrame Render(double position, double goalPosition)
    {
        const int width = 300, height = 200;
        var frame = new RgbFrame(width, height);
        frame.Clear(Rgb.White);
        var scale = width / (MaxPosition - MinPosition);
        double ScreenY(double p) => height - 20 - Height(p) * scale;
        for (var column = 0; column < width; column++)
        {
            var p = MinPosition + column / scale;
            frame.FillRectangle(column, (int)ScreenY(p), 1, 2, Rgb.Black);
        }
        var flagX = (goalPosition - MinPosition) * scale;
        frame.FillRectangle((int)flagX, (int)ScreenY(goalPosition) - 25, 2, 25, Rgb.Black);
        frame.FillRectangle((int)flagX + 2, (int)ScreenY(goalPosition) - 25, 12, 7, new Rgb(204, 204, 0));
        frame.FillCircle((position - MinPosition) * scale, ScreenY(position) - 8, 8, new Rgb(80, 80, 80));
        return frame;
    }
}
