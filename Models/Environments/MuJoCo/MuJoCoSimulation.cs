using static A3C.Models.Environments.MuJoCo.MuJoCoLayout;

namespace A3C.Models.Environments.MuJoCo;

/// <summary>
/// One simulation state (<c>mjData</c>) of a <see cref="MuJoCoModel"/>. The arrays are views into MuJoCo's buffer,
/// which does not move for the data's lifetime; they must not be used after <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class MuJoCoSimulation : IDisposable
{
    private nint data;
    private readonly double* qpos, qvel, ctrl, xpos, xmat, geomXpos, geomXmat;

    public MuJoCoSimulation(MuJoCoModel model)
    {
        Model = model;
        data = MuJoCoNative.mj_makeData(model.Pointer);
        if (data == 0)
            throw new OutOfMemoryException($"MuJoCo could not allocate the data of the model {model.Name}.");
        var bytes = (byte*)data;
        qpos = *(double**)(bytes + DataQpos);
        qvel = *(double**)(bytes + DataQvel);
        ctrl = *(double**)(bytes + DataCtrl);
        xpos = *(double**)(bytes + DataXpos);
        xmat = *(double**)(bytes + DataXmat);
        geomXpos = *(double**)(bytes + DataGeomXpos);
        geomXmat = *(double**)(bytes + DataGeomXmat);
        try
        {
            CheckLayout(bytes);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    ~MuJoCoSimulation() => Free();

    public MuJoCoModel Model { get; }

    /// <summary>Joint positions (nq).</summary>
    public Span<double> Qpos => new(Live(qpos), Model.Nq);

    /// <summary>Joint velocities (nv).</summary>
    public Span<double> Qvel => new(Live(qvel), Model.Nv);

    /// <summary>Controls (nu); MuJoCo clamps them to the control range while stepping, and leaves this array as set.</summary>
    public Span<double> Ctrl => new(Live(ctrl), Model.Nu);

    /// <summary>Position of each body frame in the world (nbody x 3), as of the last step or forward pass.</summary>
    public ReadOnlySpan<double> BodyPosition => new(Live(xpos), Model.Nbody * 3);

    /// <summary>Orientation of each body frame (nbody x 9, row-major).</summary>
    public ReadOnlySpan<double> BodyRotation => new(Live(xmat), Model.Nbody * 9);

    public ReadOnlySpan<double> GeomPosition => new(Live(geomXpos), Model.Ngeom * 3);

    /// <summary>Orientation of each geom (ngeom x 9, row-major); a capsule's axis is the third column.</summary>
    public ReadOnlySpan<double> GeomRotation => new(Live(geomXmat), Model.Ngeom * 9);

    /// <summary>Simulated time in seconds.</summary>
    public double Time => *(double*)((byte*)Live() + DataTime);

    /// <summary>Number of contacts found in the last collision pass.</summary>
    public int ContactCount => *(int*)((byte*)Live() + DataNcon);

    /// <summary><c>mj_resetData</c>: qpos0, zero velocities and controls, time 0.</summary>
    public void Reset()
    {
        MuJoCoNative.mj_resetData(Model.Pointer, Live());
        GC.KeepAlive(this);
    }

    /// <summary>Advances <paramref name="count"/> physics steps of <see cref="MuJoCoModel.Timestep"/>.</summary>
    public void Step(int count = 1)
    {
        var pointer = Live();
        var model = Model.Pointer;
        for (var i = 0; i < count; i++)
            MuJoCoNative.mj_step(model, pointer);
        GC.KeepAlive(this);
    }

    /// <summary>Recomputes positions, velocities and forces from the state without integrating (after setting a state).</summary>
    public void Forward()
    {
        MuJoCoNative.mj_forward(Model.Pointer, Live());
        GC.KeepAlive(this);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var pointer = Interlocked.Exchange(ref data, 0);
        if (pointer != 0)
            MuJoCoNative.mj_deleteData(pointer);
    }

    private nint Live()
    {
        ObjectDisposedException.ThrowIf(data == 0, this);
        return data;
    }

    private T* Live<T>(T* pointer)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(data == 0, this);
        return pointer;
    }

    // Every state array lies in the data's one buffer, in the header's order, and a reset puts qpos0 in qpos: a
    // library with another layout would read sizes or pointers from the wrong places and fail one of these.
    private void CheckLayout(byte* bytes)
    {
        var buffer = (byte*)*(nint*)(bytes + DataBuffer);
        var size = *(int*)(bytes + DataNbuffer);
        var model = Model;
        var arrays = new (string Name, nint Pointer, long Bytes)[]
        {
            ("qpos", (nint)qpos, model.Nq * 8L), ("qvel", (nint)qvel, model.Nv * 8L), ("ctrl", (nint)ctrl, model.Nu * 8L),
            ("xpos", (nint)xpos, model.Nbody * 24L), ("xmat", (nint)xmat, model.Nbody * 72L),
            ("geom_xpos", (nint)geomXpos, model.Ngeom * 24L), ("geom_xmat", (nint)geomXmat, model.Ngeom * 72L),
        };
        byte* previous = null;
        foreach (var (name, pointer, length) in arrays)
        {
            var start = (byte*)pointer;
            if (start < buffer || start + length > buffer + size || start < previous)
                throw MuJoCoModel.LayoutError($"mjData.{name} is not where 2.2.2 puts it");
            previous = start + length;
        }
        MuJoCoNative.mj_resetData(model.Pointer, data);
        if (!Qpos.SequenceEqual(model.Qpos0))
            throw MuJoCoModel.LayoutError("qpos after mj_resetData differs from qpos0");
        if (Time != 0)
            throw MuJoCoModel.LayoutError("time after mj_resetData is not 0");
    }
}
