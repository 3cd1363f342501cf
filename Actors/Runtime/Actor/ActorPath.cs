using System.Text;

namespace A3C.Actors.Runtime;

/// <summary>
/// The logical, location-transparent name of an actor: an <see cref="Address"/> plus the chain of
/// names from the root guardian, e.g. <c>a3c://sys/user/a/b</c> or <c>tcp://sys@host:2552/user/a</c>.
/// Immutable; each element links to its parent, so creating a child path is one allocation.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _rendered;

    private ActorPath(Address address, ActorPath? parent, string name)
    {
        Address = address;
        Parent = parent;
        Name = name;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public Address Address { get; }

    /// <summary>The parent path; null only for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    public int Depth { get; }

    public ActorPath Root => Parent is null ? this : Parent.Root;

    public static ActorPath RootOf(Address address) => new(address, null, "");

    public ActorPath Child(string name) => new(Address, this, name);

    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);

    /// <summary>The names below the root, e.g. ["user", "a", "b"].</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent) elements[p.Depth - 1] = p.Name;
            return elements;
        }
    }

    /// <summary>The path without its address, e.g. <c>/user/a/b</c> (the root is <c>/</c>).</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null) return "/";
        var builder = new StringBuilder();
        foreach (var element in Elements) builder.Append('/').Append(element);
        return builder.ToString();
    }

    public override string ToString() =>
        _rendered ??= Address + (Parent is null ? "/" : ToStringWithoutAddress());

    /// <summary>
    /// Parses <c>a3c://sys/user/a</c> or <c>tcp://sys@host:port/user/a</c>. Returns false with a
    /// reason for anything else.
    /// </summary>
    public static bool TryParse(string text, out ActorPath? path, out string? error)
    {
        path = null;
        error = null;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = $"'{text}' is not an actor path: expected 'protocol://system[@host:port]/path'.";
            return false;
        }

        var protocol = text[..schemeEnd];
        var rest = text[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];
        var elements = slash < 0 ? "" : rest[(slash + 1)..];

        Address address;
        var at = authority.IndexOf('@');
        if (at < 0)
        {
            address = new Address(protocol, authority);
        }
        else
        {
            var hostPort = authority[(at + 1)..];
            var colon = hostPort.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port))
            {
                error = $"'{text}' has no valid 'host:port' after '@'.";
                return false;
            }
            address = new Address(protocol, authority[..at], hostPort[..colon], port);
        }

        if (address.System.Length == 0)
        {
            error = $"'{text}' names no actor system.";
            return false;
        }

        path = RootOf(address);
        foreach (var element in elements.Split('/', StringSplitOptions.RemoveEmptyEntries)) path /= element;
        return true;
    }

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Depth != other.Depth) return false;
        for (ActorPath? a = this, b = other; a is not null && b is not null; a = a.Parent, b = b.Parent)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal)) return false;
            if (a.Parent is null) return a.Address == b.Address;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
