namespace A3C.Actors.Runtime;

/// <summary>An ask got no reply in time; the message names the target and the timeout.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
