using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace A3C.Models.Environments.Box2D;

/// <summary>
/// The bindings to <c>liba3c_box2d.so</c>, the C layer over Box2D built from <c>Native/lunar_lander.cpp</c> by
/// Models.csproj and copied next to this assembly. <see cref="EnsureAvailable"/> loads it once and turns a
/// missing library (no g++ or libbox2d-dev at build time, or no libbox2d at run time) into a clear message.
/// </summary>
internal static partial class Box2DNative
{
    public const string LibraryName = "a3c_box2d";
    private const string FileName = "liba3c_box2d.so";

    private static readonly Lazy<string?> LoadError = new(TryLoad);

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> saying what to install when the library cannot be loaded.</summary>
    public static void EnsureAvailable(string envId)
    {
        if (LoadError.Value is { } error)
            throw new PlatformNotSupportedException(
                $"{envId} needs the Box2D library {FileName}, built with the project on Linux from Debian's libbox2d: " +
                $"apt-get install g++ libbox2d-dev, then rebuild. ({error})");
    }

    /// <summary>Box2D's version as major * 10000 + minor * 100 + revision.</summary>
    public static int Box2DVersion()
    {
        EnsureAvailable("Box2D");
        return a3c_box2d_version();
    }

    private static string? TryLoad()
    {
        if (!OperatingSystem.IsLinux())
            return "the Box2D environments are built on Linux only";
        var directory = Path.GetDirectoryName(typeof(Box2DNative).Assembly.Location);
        var path = string.IsNullOrEmpty(directory) ? FileName : Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return $"{path} does not exist";
        try
        {
            // Loading it here also resolves [LibraryImport] below: the runtime looks beside the assembly first.
            NativeLibrary.Load(path, typeof(Box2DNative).Assembly, DllImportSearchPath.AssemblyDirectory);
            return null;
        }
        catch (DllNotFoundException error)
        {
            return error.Message;
        }
        catch (BadImageFormatException error)
        {
            return error.Message;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct State
    {
        public float X, Y, VelocityX, VelocityY, Angle, AngularVelocity;
        public float Leg0X, Leg0Y, Leg0Angle, Leg1X, Leg1Y, Leg1Angle;
        public int Leg0Contact, Leg1Contact, GameOver, Awake;
    }

    [LibraryImport(LibraryName)]
    public static unsafe partial WorldHandle a3c_lunar_lander_create(
        float gravity, double* terrainX, double* terrainY, int points, double width,
        double startX, double startY, double forceX, double forceY);

    [LibraryImport(LibraryName)]
    public static unsafe partial void a3c_lunar_lander_step(
        WorldHandle handle, double mainPower, double sideDirection, double sidePower, double dispersion0, double dispersion1,
        int applyWind, double windForce, double windTorque, State* state);

    [LibraryImport(LibraryName)]
    public static partial void a3c_lunar_lander_destroy(IntPtr handle);

    [LibraryImport(LibraryName)]
    private static partial int a3c_box2d_version();

    /// <summary>Owns one Box2D world; releasing it destroys the world and its bodies.</summary>
    public sealed class WorldHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public WorldHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle()
        {
            a3c_lunar_lander_destroy(handle);
            return true;
        }
    }
}
