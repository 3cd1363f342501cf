using A3C.Actors.Runtime;

namespace A3C.Actors.Remote.Serialization;

/// <summary>
/// The explicit list of message types that may cross the wire, each under a stable numeric id
/// both nodes agree on. Ids below <see cref="FirstApplicationTypeId"/> belong to remoting
/// itself (primitives, arrays, system messages). A message of an unregistered type is not
/// sent: it is logged and goes to dead letters.
/// </summary>
public sealed class SerializerRegistry
{
    public const ushort FirstApplicationTypeId = 100;

    private readonly Dictionary<ushort, Registration> _byId = [];

    /// <summary>Registers a codec for messages that hold no actor refs.</summary>
    public SerializerRegistry Add<T>(ushort typeId, MessageCodec<T> codec) where T : notnull =>
        Add<T>(typeId, _ => codec);

    /// <summary>Registers a codec built per node, for messages that hold actor refs.</summary>
    public SerializerRegistry Add<T>(ushort typeId, Func<IActorRefSerializer, MessageCodec<T>> codecFactory) where T : notnull
    {
        if (typeId < FirstApplicationTypeId)
            throw new ArgumentOutOfRangeException(nameof(typeId), typeId,
                $"Type id {typeId} for {typeof(T).Name} is reserved for remoting; use {FirstApplicationTypeId} or above.");
        return AddReserved(typeId, codecFactory);
    }

    internal SerializerRegistry AddReserved<T>(ushort typeId, Func<IActorRefSerializer, MessageCodec<T>> codecFactory) where T : notnull
    {
        if (_byId.TryGetValue(typeId, out var existing))
            throw new ArgumentException(
                $"Type id {typeId} is already registered for {existing.MessageType.Name}; cannot register {typeof(T).Name} under it.", nameof(typeId));
        if (_byId.Values.FirstOrDefault(r => r.MessageType == typeof(T)) is { } same)
            throw new ArgumentException($"{typeof(T).Name} is already registered under type id {same.TypeId}.", nameof(T));
        _byId.Add(typeId, new Registration(typeId, typeof(T), codecFactory));
        return this;
    }

    /// <summary>Built-in codecs plus this registry's, with codecs made for one node's ref serializer.</summary>
    internal BoundSerializers Bind(IActorRefSerializer refs)
    {
        var all = new SerializerRegistry();
        BuiltInCodecs.RegisterInto(all);
        foreach (var registration in _byId.Values) all._byId.Add(registration.TypeId, registration);
        return new BoundSerializers(all._byId.Values.Select(r => (r.TypeId, r.Create(refs))));
    }

    private sealed record Registration(ushort TypeId, Type MessageType, Func<IActorRefSerializer, IMessageCodec> Factory)
    {
        public IMessageCodec Create(IActorRefSerializer refs) => Factory(refs);
    }
}

/// <summary>One node's codecs, looked up by message type when sending and by id when receiving.</summary>
internal sealed class BoundSerializers
{
    private readonly Dictionary<Type, (ushort TypeId, IMessageCodec Codec)> _byType = [];
    private readonly Dictionary<ushort, IMessageCodec> _byId = [];

    public BoundSerializers(IEnumerable<(ushort TypeId, IMessageCodec Codec)> codecs)
    {
        foreach (var (typeId, codec) in codecs)
        {
            _byType.Add(codec.MessageType, (typeId, codec));
            _byId.Add(typeId, codec);
        }
    }

    public bool TryGetByType(Type type, out ushort typeId, out IMessageCodec codec)
    {
        var found = _byType.TryGetValue(type, out var entry);
        (typeId, codec) = entry;
        return found;
    }

    public bool TryGetById(ushort typeId, out IMessageCodec codec) => _byId.TryGetValue(typeId, out codec!);
}
