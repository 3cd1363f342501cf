namespace A3C.Actors.Tests.Akka;

/// <summary>Makes the actors under test throw an <see cref="InvalidOperationException"/> with this reason.</summary>
public sealed record Boom(string Reason = "boom");
