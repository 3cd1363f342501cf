namespace A3C.Actors.Training;

/// <summary>A crash thrown on purpose by fault injection (<c>a3c.faults</c>), to exercise supervision.</summary>
public sealed class InjectedFaultException(string actor) : Exception($"injected fault in {actor}");
