using A3C.Actors.Remote;
using A3C.Actors.Remote.Serialization;

namespace A3C.Actors.Tests.Remote;

public sealed class SettingsAndRegistryTests
{
    [Fact]
    public void Defaults_bind_to_loopback_with_Akka_failure_detector_settings()
    {
        var settings = new RemoteSettings { Secret = "s" }.Validate();

        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.HeartbeatInterval);
        Assert.Equal(8.0, settings.FailureDetectorThreshold);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.AcceptablePause);
    }

    [Theory]
    [InlineData("Port")]
    [InlineData("Secret")]
    [InlineData("MaxMessageSize")]
    [InlineData("HeartbeatInterval")]
    public void Invalid_settings_are_rejected_naming_the_setting(string setting)
    {
        var valid = new RemoteSettings { Secret = "s" };
        var invalid = setting switch
        {
            "Port" => valid with { Port = 70000 },
            "Secret" => valid with { Secret = "" },
            "MaxMessageSize" => valid with { MaxMessageSize = 1000 },
            _ => valid with { HeartbeatInterval = TimeSpan.Zero },
        };

        var error = Assert.Throws<ArgumentException>(() => invalid.Validate());

        Assert.Contains("RemoteSettings." + setting, error.Message);
    }

    [Fact]
    public void The_secret_never_appears_in_the_settings_text()
    {
        Assert.DoesNotContain("hunter2", new RemoteSettings { Secret = "hunter2" }.ToString());
    }

    [Fact]
    public void Reserved_and_duplicate_type_ids_are_rejected()
    {
        var codec = MessageCodec.Create<Ping>((o, m) => o.WriteInt32(m.Id), (ref r) => new Ping(Wire.ReadInt32(ref r)));
        var registry = new SerializerRegistry().Add(100, codec);

        Assert.Contains("reserved", Assert.Throws<ArgumentOutOfRangeException>(() => new SerializerRegistry().Add(5, codec)).Message);
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => registry.Add(101, codec)).Message);
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() =>
            registry.Add(100, MessageCodec.Create<Numbered>((o, m) => o.WriteInt32(m.Sequence), (ref r) => new Numbered(Wire.ReadInt32(ref r))))).Message);
    }

    [Fact]
    public void A_codec_that_leaves_bytes_unread_is_reported_as_malformed()
    {
        IMessageCodec codec = MessageCodec.Create<Ping>((o, m) => { o.WriteInt32(m.Id); o.WriteInt32(0); }, (ref r) => new Ping(Wire.ReadInt32(ref r)));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        codec.Write(buffer, new Ping(1));

        Assert.Throws<InvalidDataException>(() => codec.Read(new(buffer.WrittenMemory)));
    }
}
