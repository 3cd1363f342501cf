namespace A3C.Actors.Runtime;

/// <summary>A reply that carries a failure, completing an ask with an exception.</summary>
public sealed record StatusFailure(Exception Cause);
