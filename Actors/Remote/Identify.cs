using A3C.Actors.Runtime;

namespace A3C.Actors.Remote;

/// <summary>
/// Answered by remoting on the receiving node (not by the actor) with an <see cref="ActorIdentity"/>:
/// the actor's ref with its incarnation uid, or null when nothing lives at the path.
/// </summary>
public sealed record Identify(long CorrelationId);

public sealed record ActorIdentity(long CorrelationId, IActorRef? Subject);

/// <summary>
/// A <see cref="StatusFailure"/> crossing the wire: exceptions are not serialized, only their
/// type name and message, and the receiving side sees this exception instead.
/// </summary>
public sealed record RemoteFailure(string ExceptionType, string Message);

/// <summary>Thrown by Ask when a remote actor replied with a failure.</summary>
public sealed class RemoteActorFailureException(string exceptionType, string message)
    : Exception($"The remote actor failed with {exceptionType}: {message}")
{
    public string RemoteExceptionType { get; } = exceptionType;
}
