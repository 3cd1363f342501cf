namespace A3C.Actors.Runtime;

public sealed class InvalidActorNameException(string message) : ArgumentException(message);
