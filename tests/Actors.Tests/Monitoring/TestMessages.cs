using Akka.Actor;

namespace A3C.Actors.Tests.Monitoring;

/// <summary>A message that needs no answer.</summary>
public sealed record Work(int Number);

/// <summary>Asks for a <see cref="Pong"/>: once it arrives, every message sent before was processed.</summary>
public sealed record Ping;

public sealed record Pong;

/// <summary>Makes a <see cref="FaultyActor"/> throw <see cref="InjectedFault"/>.</summary>
public sealed record Fail;

/// <summary>Told by a <see cref="FaultyActor"/> each time an incarnation starts, first start and restarts alike.</summary>
public sealed record Started(IActorRef Actor);

/// <summary>Holds a <see cref="GatedActor"/> until <paramref name="Gate"/> completes; <paramref name="Entered"/> says it holds.</summary>
public sealed record Hold(TaskCompletionSource Entered, Task Gate);

/// <summary>Asks a <see cref="ChildKeeper"/> for a child; answered with <see cref="ChildStarted"/>.</summary>
public sealed record StartChild;

public sealed record ChildStarted(IActorRef Child);

/// <summary>Told by a <see cref="ChildKeeper"/> once its child terminated, so the child's name is free again.</summary>
public sealed record ChildStopped(IActorRef Child);

public sealed class InjectedFault() : Exception("injected fault");
