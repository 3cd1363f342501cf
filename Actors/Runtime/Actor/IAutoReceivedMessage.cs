namespace A3C.Actors.Runtime;

/// <summary>Messages the runtime interprets itself before the actor's behavior sees them.</summary>
public interface IAutoReceivedMessage;
