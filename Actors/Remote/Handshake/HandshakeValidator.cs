namespace A3C.Actors.Remote.Handshake;

/// <summary>Decides whether a connecting peer may talk to this node; the reason is safe to log (no secret in it).</summary>
internal sealed class HandshakeValidator(string systemName, string secret)
{
    public bool TryAccept(System.Buffers.ReadOnlySequence<byte> helloPayload, out Hello? hello, out string? refusal)
    {
        hello = null;
        var version = Hello.ReadVersion(helloPayload);
        if (version != Hello.CurrentProtocolVersion)
        {
            refusal = $"protocol version {version} is not supported (this node speaks version {Hello.CurrentProtocolVersion})";
            return false;
        }
        hello = Hello.Read(helloPayload);
        if (!hello.ProvesSecret(secret))
        {
            refusal = $"system '{hello.From.System}' at {hello.From} presented a wrong shared secret for '{systemName}'";
            return false;
        }
        refusal = null;
        return true;
    }
}
