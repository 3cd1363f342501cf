namespace A3C.Models.Environments.ClassicControl;

/// <summary>How CartPole integrates its accelerations; Gymnasium's <c>kinematics_integrator</c>.</summary>
public enum CartPoleIntegrator
{
    /// <summary>Explicit Euler, Gymnasium's default: positions advance with the old velocities.</summary>
    Euler,

    /// <summary>Semi-implicit Euler: velocities advance first and positions use the new ones.</summary>
    SemiImplicitEuler,
}
