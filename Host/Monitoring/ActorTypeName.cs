namespace A3C.Host.Monitoring;

/// <summary>How an actor's type is shown: <c>RolloutActor`1</c> reads as <c>RolloutActor</c>, the arity says nothing to someone watching a run.</summary>
public static class ActorTypeName
{
    public static string Display(string typeName) => typeName.IndexOf('`') is var tick and > 0 ? typeName[..tick] : typeName;
}
