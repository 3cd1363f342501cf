namespace A3C.Actors.Runtime;

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/>; the default supervisor stops it.</summary>
public sealed record Kill : IAutoReceivedMessage
{
    public static Kill Instance { get; } = new();
}
