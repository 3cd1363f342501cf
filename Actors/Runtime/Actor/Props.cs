using A3C.Actors.Runtime.Supervision;

namespace A3C.Actors.Runtime;

/// <summary>
/// A recipe for an actor: how to make an instance (again, on every restart), which mailbox and
/// dispatcher it runs on, and how it supervises its own children. Immutable.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, MailboxSettings? mailbox, string dispatcher, SupervisorStrategy? strategy)
    {
        ActorType = actorType;
        _factory = factory;
        Mailbox = mailbox;
        Dispatcher = dispatcher;
        SupervisorStrategy = strategy;
    }

    public Type ActorType { get; }

    /// <summary>Null means the system's default mailbox.</summary>
    public MailboxSettings? Mailbox { get; }

    public string Dispatcher { get; }

    /// <summary>How this actor supervises its children; wins over the actor's own override.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    public const string DefaultDispatcher = "default";

    public static Props Create<TActor>() where TActor : ActorBase, new() =>
        new(typeof(TActor), static () => new TActor(), null, DefaultDispatcher, null);

    /// <summary>Props from a factory, called once per incarnation: <c>Props.Create(() =&gt; new Worker(id))</c>.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(typeof(TActor), factory, null, DefaultDispatcher, null);
    }

    public Props WithMailbox(MailboxSettings mailbox) => new(ActorType, _factory, mailbox, Dispatcher, SupervisorStrategy);

    public Props WithDispatcher(string dispatcher) => new(ActorType, _factory, Mailbox, dispatcher, SupervisorStrategy);

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(ActorType, _factory, Mailbox, Dispatcher, strategy);

    internal ActorBase NewActor() => _factory();

    public override string ToString() => $"Props({ActorType.Name}, dispatcher={Dispatcher}, mailbox={Mailbox?.ToString() ?? "default"})";
}
