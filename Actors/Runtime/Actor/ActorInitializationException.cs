namespace A3C.Actors.Runtime;

/// <summary>Constructor, <c>PreStart</c> or <c>PostRestart</c> failed; the default supervisor stops the actor.</summary>
public sealed class ActorInitializationException(ActorPath path, string message, Exception inner)
    : Exception($"[{path}] {message}: {inner.Message}", inner)
{
    public ActorPath Path { get; } = path;
}
