using System.Reflection;
using System.Runtime.InteropServices;

namespace A3C.Models.Environments.MuJoCo;

/// <summary>
/// The few functions of MuJoCo 2.2.2's C API the environments need, bound with source-generated P/Invoke. The
/// library is Debian's <c>libmujoco2.2.2</c>; <see cref="EnsureLoaded"/> finds it (or explains how to install it)
/// and checks its version before anything reads the structs, whose layouts are those of 2.2.2 (<see cref="MuJoCoLayout"/>).
/// </summary>
internal static unsafe partial class MuJoCoNative
{
    private const string Library = "mujoco";

    /// <summary>The version whose struct layouts <see cref="MuJoCoLayout"/> describes, as <c>mj_version()</c> reports it.</summary>
    public const int SupportedVersion = 222;

    private static readonly string[] Candidates = ["libmujoco.so.2.2.2", "libmujoco.so"];
    private static readonly Lazy<nint> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the library once and checks its version; throws with the remedy when either fails.</summary>
    public static void EnsureLoaded() => _ = Handle.Value;

    private static nint Load()
    {
        nint handle = 0;
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out handle))
                break;
        }
        if (handle == 0)
            throw new DllNotFoundException(
                $"MuJoCo 2.2.2 was not found (tried {string.Join(", ", Candidates)}). Hopper-v5 and HalfCheetah-v5 need it: " +
                "install it with `apt-get install libmujoco2.2.2` (Debian 12).");
        NativeLibrary.SetDllImportResolver(typeof(MuJoCoNative).Assembly, (name, _, _) => name == Library ? handle : 0);
        var version = mj_version();
        if (version != SupportedVersion)
            throw new NotSupportedException(
                $"MuJoCo reports version {version} but this binding reads the mjModel/mjData layouts of 2.2.2 (version {SupportedVersion}); " +
                "install `libmujoco2.2.2` (Debian 12) or update MuJoCoLayout for the installed headers.");
        return handle;
    }

    [LibraryImport(Library)]
    public static partial int mj_version();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint mj_loadXML(string filename, nint vfs, byte* error, int errorSize);

    [LibraryImport(Library)]
    public static partial nint mj_makeData(nint model);

    [LibraryImport(Library)]
    public static partial void mj_resetData(nint model, nint data);

    [LibraryImport(Library)]
    public static partial void mj_step(nint model, nint data);

    [LibraryImport(Library)]
    public static partial void mj_forward(nint model, nint data);

    [LibraryImport(Library)]
    public static partial void mj_deleteData(nint data);

    [LibraryImport(Library)]
    public static partial void mj_deleteModel(nint model);

    [LibraryImport(Library)]
    public static partial double mj_getTotalmass(nint model);
}

/// <summary>
/// Byte offsets of the <c>mjModel</c> and <c>mjData</c> fields used here, read from the 2.2.2 headers
/// (<c>/usr/include/mujoco/mjmodel.h</c>, <c>mjdata.h</c>) for x86-64 (8-byte pointers, <c>mjtNum</c> = double).
/// <see cref="MuJoCoModel"/> checks them against the loaded model at start-up (sizes, timestep, pointers inside the
/// data buffer, <c>qpos</c> equal to <c>qpos0</c> after a reset), so a different layout fails loudly, not silently.
/// </summary>
internal static class MuJoCoLayout
{
    // mjModel: the sizes open the struct; mjOption follows them; pointers into the model buffer come later.
    public const int ModelNq = 0;
    public const int ModelNv = 4;
    public const int ModelNu = 8;
    public const int ModelNbody = 16;
    public const int ModelNjnt = 20;
    public const int ModelNgeom = 24;
    public const int ModelTimestep = 232;
    public const int ModelQpos0 = 1096;
    public const int ModelBodyMass = 1240;
    public const int ModelGeomType = 1488;
    public const int ModelGeomBodyId = 1520;
    public const int ModelGeomSize = 1592;
    public const int ModelGeomRgba = 1664;
    public const int ModelActuatorCtrlRange = 2792;
    public const int ModelActuatorGear = 2816;

    // mjData: an info header (stack, warnings, timers, solver statistics), then the buffer and the state pointers.
    public const int DataNbuffer = 4;
    public const int DataNcon = 40332;
    public const int DataTime = 40336;
    public const int DataBuffer = 40360;
    public const int DataQpos = 40376;
    public const int DataQvel = 40384;
    public const int DataCtrl = 40408;
    public const int DataXpos = 40480;
    public const int DataXmat = 40496;
    public const int DataGeomXpos = 40536;
    public const int DataGeomXmat = 40544;

    /// <summary><c>mjGEOM_PLANE</c> and <c>mjGEOM_CAPSULE</c> in <c>mjtGeom</c>.</summary>
    public const int GeomPlane = 0;
    public const int GeomCapsule = 3;
}
