using System.Threading.Channels;
using A3C.Actors.Runtime;

namespace A3C.Training.Tests;

/// <summary>An actor that hands every message it receives to the test, in order.</summary>
internal sealed class Probe : ReceiveActor
{
    private Probe(ChannelWriter<object> inbox) => ReceiveAny(message => inbox.TryWrite(message));

    public static (IActorRef Ref, ChannelReader<object> Inbox) Create(ActorSystem system, string name)
    {
        var channel = Channel.CreateUnbounded<object>();
        return (system.ActorOf(Props.Create(() => new Probe(channel.Writer)), name), channel.Reader);
    }
}

internal static class InboxExtensions
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>The next message of type <typeparamref name="T"/>, skipping others.</summary>
    public static async Task<T> Expect<T>(this ChannelReader<object> inbox)
    {
        using var cancel = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var message = await inbox.ReadAsync(cancel.Token);
            if (message is T typed) return typed;
        }
    }

    /// <summary>Every message of type <typeparamref name="T"/> already delivered.</summary>
    public static List<T> Drain<T>(this ChannelReader<object> inbox)
    {
        var found = new List<T>();
        while (inbox.TryRead(out var message))
            if (message is T typed) found.Add(typed);
        return found;
    }
}
