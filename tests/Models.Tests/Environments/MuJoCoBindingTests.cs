using A3C.Models.Environments.MuJoCo;

namespace A3C.Models.Tests.Environments;

/// <summary>The MuJoCo 2.2.2 binding: version, load errors, the struct layout it reads, and lifetime.</summary>
public class MuJoCoBindingTests
{
    private const string Pendulum = """
        <mujoco model="pendulum">
          <option timestep="0.001" gravity="0 0 -9.81"/>
          <worldbody>
            <body name="bob" pos="0 0 0">
              <joint name="hinge" type="hinge" axis="0 1 0" damping="0"/>
              <geom type="capsule" fromto="0 0 0 0 0 -1" size="0.02" mass="0.5"/>
            </body>
          </worldbody>
          <actuator><motor joint="hinge" ctrlrange="-2 2" ctrllimited="true" gear="3"/></actuator>
        </mujoco>
        """;

    [Fact]
    public void The_library_is_MuJoCo_2_2_2()
    {
        Assert.Equal(222, MuJoCoModel.LibraryVersion);
    }

    [Fact]
    public void A_load_error_carries_MuJoCo_s_error_text()
    {
        var error = Assert.Throws<MuJoCoException>(() =>
            MuJoCoModel.FromXml("<mujoco><worldbody><geom type=\"sphere\" sizze=\"1\"/></worldbody></mujoco>", "broken"));
        Assert.Contains("sizze", error.Message);
        Assert.StartsWith("MuJoCo could not load", error.Message);
    }

    [Fact]
    public void Sizes_and_arrays_are_read_from_the_right_offsets()
    {
        var model = MuJoCoModel.FromXml(Pendulum, "pendulum");
        Assert.Equal((1, 1, 1, 2, 1, 1), (model.Nq, model.Nv, model.Nu, model.Nbody, model.Njnt, model.Ngeom));
        Assert.Equal(0.001, model.Timestep);
        Assert.Equal(0.5, model.BodyMass[1], 12);
        Assert.Equal(0.5, model.TotalMass, 12);
        Assert.Equal([-2.0, 2.0], model.ActuatorCtrlRange.ToArray());
        Assert.Equal(3.0, model.ActuatorGear[0]);
        Assert.Equal(MuJoCoModel.GeomCapsule, model.GeomType[0]);
        Assert.Equal([0.02, 0.5], model.GeomSize[..2].ToArray());
        Assert.Equal(1, model.GeomBodyId[0]);

        using var simulation = new MuJoCoSimulation(model);
        simulation.Qpos[0] = Math.PI / 2;
        simulation.Forward();
        // Turned a quarter about +y, the rod's middle swings from (0, 0, -0.5) to (-0.5, 0, 0).
        Assert.Equal(-0.5, simulation.GeomPosition[0], 12);
        Assert.Equal(0.0, simulation.GeomPosition[2], 12);
        Assert.Equal(0, simulation.BodyPosition[3 + 2], 12);

        // Released from horizontal, the hinge accelerates at g / (2/3 l) for a rod (its mass along it, the end caps small).
        simulation.Step(1);
        Assert.InRange(-simulation.Qvel[0] / 0.001, 9.81 * 1.3, 9.81 * 1.6);
        Assert.Equal(0.001, simulation.Time, 15);
    }

    [Fact]
    public void Controls_are_clamped_to_the_control_range_by_MuJoCo()
    {
        var model = MuJoCoModel.FromXml(Pendulum.Replace("-9.81", "0"), "pendulum");
        using var clamped = new MuJoCoSimulation(model);
        using var limit = new MuJoCoSimulation(model);
        clamped.Ctrl[0] = 50;
        limit.Ctrl[0] = 2;
        clamped.Step(10);
        limit.Step(10);
        Assert.Equal(limit.Qvel[0], clamped.Qvel[0]);
        Assert.Equal(50, clamped.Ctrl[0]);
        Assert.True(limit.Qvel[0] > 0);
    }

    [Fact]
    public void A_disposed_simulation_refuses_to_be_used()
    {
        var simulation = new MuJoCoSimulation(MuJoCoModel.FromXml(Pendulum, "pendulum"));
        simulation.Dispose();
        simulation.Dispose();
        Assert.Throws<ObjectDisposedException>(() => simulation.Step());
        Assert.Throws<ObjectDisposedException>(() => simulation.Qpos[0]);
    }
}
