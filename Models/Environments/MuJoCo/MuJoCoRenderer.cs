using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.MuJoCo;

/// <summary>
/// A side view of a planar model: the x-z plane seen from -y, the camera following one body along x. Capsules are
/// drawn as thick segments from <c>geom_xpos</c> and their axis in <c>geom_xmat</c>, in the geoms' colours; the
/// floor has ticks every half metre so that motion shows.
/// </summary>
internal static class MuJoCoRenderer
{
    public const int Size = 480;
    public const double PixelsPerMetre = 160;
    public const double FloorRow = 400;

    private static readonly Rgb Sky = new(215, 228, 240);
    private static readonly Rgb Floor = new(120, 140, 120);
    private static readonly Rgb Tick = new(70, 85, 70);

    public static RgbFrame SideView(MuJoCoSimulation simulation, int trackedBody)
    {
        var model = simulation.Model;
        var frame = new RgbFrame(Size, Size);
        frame.Clear(Sky);
        frame.FillRectangle(0, (int)FloorRow, Size, Size - (int)FloorRow, Floor);
        var centreX = simulation.BodyPosition[trackedBody * 3];

        // Ticks at multiples of 0.5 m of the world's x.
        var first = Math.Ceiling((centreX - Size / 2.0 / PixelsPerMetre) * 2) / 2;
        for (var x = first; x <= centreX + Size / 2.0 / PixelsPerMetre; x += 0.5)
        {
            var column = (int)Math.Round(Column(x, centreX));
            frame.FillRectangle(column - 1, (int)FloorRow, 3, 12, Tick);
        }

        var types = model.GeomType;
        var sizes = model.GeomSize;
        var rgba = model.GeomRgba;
        var positions = simulation.GeomPosition;
        var rotations = simulation.GeomRotation;
        for (var g = 0; g < model.Ngeom; g++)
        {
            if (types[g] != MuJoCoLayout.GeomCapsule)
                continue;
            double radius = sizes[g * 3], halfLength = sizes[g * 3 + 1];
            // The capsule's axis is its frame's z axis: the third column of the row-major rotation.
            double axisX = rotations[g * 9 + 2], axisZ = rotations[g * 9 + 8];
            double cx = positions[g * 3], cz = positions[g * 3 + 2];
            var colour = new Rgb(Byte(rgba[g * 4]), Byte(rgba[g * 4 + 1]), Byte(rgba[g * 4 + 2]));
            frame.DrawLine(
                Column(cx - axisX * halfLength, centreX), Row(cz - axisZ * halfLength),
                Column(cx + axisX * halfLength, centreX), Row(cz + axisZ * halfLength),
                2 * radius * PixelsPerMetre, colour);
        }
        return frame;
    }

    public static double Column(double x, double centreX) => Size / 2.0 + (x - centreX) * PixelsPerMetre;

    public static double Row(double z) => FloorRow - z * PixelsPerMetre;

    private static byte Byte(float channel) => (byte)Math.Clamp((int)Math.Round(channel * 255), 0, 255);
}
