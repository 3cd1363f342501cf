using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace A3C.Bench.Remote;

/// <summary>
/// What loopback TCP itself allows on this machine, for the remoting figures to be read against:
/// the same broadcast and bulk transfers with plain sockets, no framing, no serialization, each
/// byte copied once into the socket and once out of it into a fresh array, as a message must arrive.
/// </summary>
public static class LoopbackLimit
{
    public static async Task BroadcastAsync(int receivers, int snapshotBytes, int rounds)
    {
        var (senders, receiving) = await ConnectAsync(receivers);
        try
        {
            var snapshot = Filled(snapshotBytes);
            var times = new List<double>();
            var cpu = Program.CpuSeconds();
            for (var round = 0; round <= rounds; round++) // round 0 warms up
            {
                var stopwatch = Stopwatch.StartNew();
                var received = receiving.Select(socket => ReceiveAsync(socket, new byte[snapshotBytes])).ToList();
                await Task.WhenAll(senders.Select(socket => SendAsync(socket, snapshot)));
                await Task.WhenAll(received);
                if (round > 0) times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            cpu = Program.CpuSeconds() - cpu;
            times.Sort();
            Console.WriteLine(
                $"limit, broadcast: {snapshotBytes / (1024 * 1024)} MB to {receivers} sockets, plain loopback TCP: " +
                $"median {times[times.Count / 2]:0.0} ms, min {times[0]:0.0} ms over {rounds} rounds; {cpu * 1000 / (rounds + 1):0} CPU-ms per round");
        }
        finally
        {
            foreach (var socket in senders.Concat(receiving)) socket.Dispose();
        }
    }

    public static async Task BulkAsync(int arrayBytes, int messages)
    {
        var (senders, receiving) = await ConnectAsync(1);
        try
        {
            var array = Filled(arrayBytes);
            var cpu = Program.CpuSeconds();
            var stopwatch = Stopwatch.StartNew();
            var received = Task.Run(async () =>
            {
                for (var i = 0; i < messages; i++) await ReceiveAsync(receiving[0], new byte[arrayBytes]);
            });
            for (var i = 0; i < messages; i++) await SendAsync(senders[0], array);
            await received;
            var seconds = stopwatch.Elapsed.TotalSeconds;
            cpu = Program.CpuSeconds() - cpu;
            var megabytes = (double)arrayBytes * messages / 1e6;
            Console.WriteLine(
                $"limit, bulk: {messages} x {arrayBytes / 1024} KiB one way, plain loopback TCP: " +
                $"{megabytes / seconds:N0} MB/s; {cpu:0.0} CPU-s = {megabytes / cpu:N0} MB per CPU-second");
        }
        finally
        {
            foreach (var socket in senders.Concat(receiving)) socket.Dispose();
        }
    }

    private static async Task<(List<Socket> Senders, List<Socket> Receivers)> ConnectAsync(int count)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(count);
        var (senders, receivers) = (new List<Socket>(), new List<Socket>());
        for (var i = 0; i < count; i++)
        {
            var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var accepted = listener.AcceptAsync();
            await sender.ConnectAsync(listener.LocalEndPoint!);
            senders.Add(sender);
            receivers.Add(await accepted);
        }

        return (senders, receivers);
    }

    /// <summary>
    /// Bytes that are really there: a fresh array is backed by the kernel's shared zero page until
    /// written, and sending from it would read one cached page over and over.
    /// </summary>
    private static byte[] Filled(int length)
    {
        var bytes = new byte[length];
        new Random(1).NextBytes(bytes);
        return bytes;
    }

    private static async Task SendAsync(Socket socket, byte[] data)
    {
        for (var sent = 0; sent < data.Length;) sent += await socket.SendAsync(data.AsMemory(sent), SocketFlags.None);
    }

    private static async Task ReceiveAsync(Socket socket, byte[] into)
    {
        for (var read = 0; read < into.Length;)
        {
            var n = await socket.ReceiveAsync(into.AsMemory(read), SocketFlags.None);
            if (n == 0) throw new IOException("connection closed early");
            read += n;
        }
    }
}
