using System.Text;
using static A3C.Models.Environments.MuJoCo.MuJoCoLayout;

namespace A3C.Models.Environments.MuJoCo;

/// <summary>An MJCF model MuJoCo could not load; the message carries MuJoCo's own error text.</summary>
public sealed class MuJoCoException(string message) : Exception(message);

/// <summary>
/// A compiled MuJoCo model (<c>mjModel</c>). It is only read while simulating, so one model serves every
/// <see cref="MuJoCoSimulation"/> made from it, on any thread. Freed by its finalizer.
/// </summary>
public sealed unsafe class MuJoCoModel
{
    private readonly byte* model;

    private MuJoCoModel(nint pointer, string name)
    {
        model = (byte*)pointer;
        Name = name;
        Nq = *(int*)(model + ModelNq);
        Nv = *(int*)(model + ModelNv);
        Nu = *(int*)(model + ModelNu);
        Nbody = *(int*)(model + ModelNbody);
        Njnt = *(int*)(model + ModelNjnt);
        Ngeom = *(int*)(model + ModelNgeom);
        Timestep = *(double*)(model + ModelTimestep);
        foreach (var (size, field) in new[] { (Nq, "nq"), (Nv, "nv"), (Nu, "nu"), (Nbody, "nbody"), (Njnt, "njnt"), (Ngeom, "ngeom") })
        {
            if (size is < 0 or > 100_000)
                throw LayoutError($"{field} reads {size}");
        }
        if (Nbody < 1 || Nv > Nq || !(Timestep > 0 && Timestep < 1))
            throw LayoutError($"nbody {Nbody}, nq {Nq}, nv {Nv}, timestep {Timestep}");
    }

    ~MuJoCoModel() => MuJoCoNative.mj_deleteModel((nint)model);

    /// <summary><c>mjGEOM_PLANE</c> and <c>mjGEOM_CAPSULE</c>, values of <see cref="GeomType"/>.</summary>
    public const int GeomPlane = MuJoCoLayout.GeomPlane;

    public const int GeomCapsule = MuJoCoLayout.GeomCapsule;

    public string Name { get; }

    public int Nq { get; }

    public int Nv { get; }

    public int Nu { get; }

    public int Nbody { get; }

    public int Njnt { get; }

    public int Ngeom { get; }

    /// <summary><c>opt.timestep</c>: seconds per <c>mj_step</c>.</summary>
    public double Timestep { get; }

    internal nint Pointer => (nint)model;

    /// <summary>Joint positions of the reference configuration (<c>qpos0</c>), Gymnasium's <c>init_qpos</c>.</summary>
    public ReadOnlySpan<double> Qpos0 => Doubles(ModelQpos0, Nq);

    /// <summary>Mass of each body (world first, 0 kg).</summary>
    public ReadOnlySpan<double> BodyMass => Doubles(ModelBodyMass, Nbody);

    /// <summary><c>mjtGeom</c> of each geom.</summary>
    public ReadOnlySpan<int> GeomType => new(*(int**)(model + ModelGeomType), Ngeom);

    public ReadOnlySpan<int> GeomBodyId => new(*(int**)(model + ModelGeomBodyId), Ngeom);

    /// <summary>Three sizes per geom; for a capsule the radius and the half-length of its cylinder.</summary>
    public ReadOnlySpan<double> GeomSize => Doubles(ModelGeomSize, Ngeom * 3);

    /// <summary>RGBA of each geom, four floats.</summary>
    public ReadOnlySpan<float> GeomRgba => new(*(float**)(model + ModelGeomRgba), Ngeom * 4);

    /// <summary>Lower and upper control bound of each actuator.</summary>
    public ReadOnlySpan<double> ActuatorCtrlRange => Doubles(ModelActuatorCtrlRange, Nu * 2);

    /// <summary>Six gear values per actuator; the first scales a joint motor's control into torque or force.</summary>
    public ReadOnlySpan<double> ActuatorGear => Doubles(ModelActuatorGear, Nu * 6);

    /// <summary>Total mass as MuJoCo sums it.</summary>
    public double TotalMass
    {
        get
        {
            var mass = MuJoCoNative.mj_getTotalmass((nint)model);
            GC.KeepAlive(this);
            return mass;
        }
    }

    /// <summary><c>mj_version()</c> of the loaded library: 222 (loading fails with an explanation otherwise).</summary>
    public static int LibraryVersion
    {
        get
        {
            MuJoCoNative.EnsureLoaded();
            return MuJoCoNative.mj_version();
        }
    }

    /// <summary>Loads an MJCF file. Errors in the file come back as <see cref="MuJoCoException"/> with MuJoCo's text.</summary>
    public static MuJoCoModel FromFile(string path)
    {
        MuJoCoNative.EnsureLoaded();
        const int errorSize = 1000;
        var error = stackalloc byte[errorSize];
        error[0] = 0;
        var pointer = MuJoCoNative.mj_loadXML(path, 0, error, errorSize);
        if (pointer == 0)
        {
            var length = new ReadOnlySpan<byte>(error, errorSize).IndexOf((byte)0);
            var text = Encoding.UTF8.GetString(error, length < 0 ? errorSize : length).Trim();
            throw new MuJoCoException($"MuJoCo could not load {Path.GetFileName(path)}: {(text.Length > 0 ? text : "no error text")}");
        }
        return new MuJoCoModel(pointer, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>
    /// Loads MJCF text: MuJoCo 2.2.2 reads XML from files only, so the text goes to a private temporary file that is
    /// deleted once the model is compiled.
    /// </summary>
    public static MuJoCoModel FromXml(string xml, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"a3c-{name}-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, xml);
        try
        {
            var model = FromFile(path);
            return model;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Loads one of the model files shipped in this assembly (<c>hopper.xml</c>, <c>half_cheetah.xml</c>).</summary>
    public static MuJoCoModel FromResource(string fileName)
    {
        using var stream = typeof(MuJoCoModel).Assembly.GetManifestResourceStream($"A3C.Models.Environments.MuJoCo.{fileName}")
            ?? throw new FileNotFoundException($"The model file {fileName} is not embedded in {typeof(MuJoCoModel).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return FromXml(reader.ReadToEnd(), Path.GetFileNameWithoutExtension(fileName));
    }

    /// <summary>Throws when the model's sizes are not the ones an environment was written for.</summary>
    internal void Require(string envId, int nq, int nv, int nu)
    {
        if (Nq != nq || Nv != nv || Nu != nu)
            throw new InvalidOperationException($"{envId}: the model {Name} has nq {Nq}, nv {Nv}, nu {Nu}; expected {nq}, {nv}, {nu}.");
    }

    internal static NotSupportedException LayoutError(string detail) =>
        new($"The loaded MuJoCo does not match the mjModel/mjData layout of 2.2.2 ({detail}); install libmujoco2.2.2.");

    private ReadOnlySpan<double> Doubles(int offset, int count) => new(*(double**)(model + offset), count);
}
