namespace A3C.Actors.Training.Settings;

/// <summary>Where workers' actions are chosen.</summary>
public enum InferenceMode
{
    /// <summary>Each worker runs its own copy of the policy.</summary>
    Local,

    /// <summary>GA3C: one inference actor batches all workers' observations into one forward pass.</summary>
    Central,
}
