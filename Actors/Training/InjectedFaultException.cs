namespace A3C.Actors.Training;

/// <summary>A crash thrown on purpose by fault injection (<c>a3c.faults</c>), to exercise supervision.</summary>
/// <remarks>The log line of the failure names the actor, so the message does not repeat it.</remarks>
public sealed class InjectedFaultException() : Exception("injected fault");
