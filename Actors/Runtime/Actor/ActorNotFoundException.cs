namespace A3C.Actors.Runtime;

public sealed class ActorNotFoundException(string message) : Exception(message);
