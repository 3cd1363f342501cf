namespace A3C.Models.Algorithms;

/// <summary>The learner's optimizer: Adam (the A2C recipes' choice) or RMSprop (the A3C paper's).</summary>
public enum OptimizerKind
{
    Adam,
    RmsProp,
}
