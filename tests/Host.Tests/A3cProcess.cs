using System.Diagnostics;
using System.Text;

namespace A3C.Host.Tests;

/// <summary>
/// The <c>a3c</c> CLI as a child process (<c>dotnet a3c.dll ...</c> from this test's output folder),
/// its output captured as it comes.
/// </summary>
internal sealed class A3cProcess : IDisposable
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private A3cProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public static A3cProcess Start(string workingDirectory, params string[] arguments) =>
        Start(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <param name="environment">Variables set for the child on top of this process's (a cluster secret, say).</param>
    public static A3cProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "a3c.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The tests choose their stores themselves; a developer's PostgreSQL must not leak in.
        start.Environment.Remove("A3C_POSTGRES");
        start.Environment.Remove("A3C_CLUSTER_SECRET");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var child = new A3cProcess(process);
        process.OutputDataReceived += (_, line) => Append(child._output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(child._error, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs the CLI to its end and returns its exit code.</summary>
    public static async Task<A3cProcess> RunAsync(string workingDirectory, params string[] arguments)
    {
        var child = Start(workingDirectory, arguments);
        await child.WaitForExitAsync();
        return child;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to end, killing it and failing the test if the hang guard runs out.</summary>
    public async Task WaitForExitAsync()
    {
        using var hangGuard = new CancellationTokenSource(HangGuard);
        try
        {
            await _process.WaitForExitAsync(hangGuard.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"a3c did not exit within {HangGuard}; output:\n{Output}\n{Error}");
        }
    }

    /// <summary>
    /// Waits until the output (stdout and stderr) satisfies <paramref name="condition"/>, failing
    /// the test with the output if the process exits first or the hang guard runs out.
    /// </summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition, string description)
    {
        var deadline = DateTime.UtcNow + HangGuard;
        while (!condition(Output + Error))
        {
            if (HasExited && !condition(Output + Error))
                Assert.Fail($"a3c exited ({_process.ExitCode}) before {description}; output:\n{Output}\n{Error}");
            if (DateTime.UtcNow > deadline)
            {
                Kill();
                Assert.Fail($"no {description} within {HangGuard}; output:\n{Output}\n{Error}");
            }
            await Task.Delay(100);
        }
    }

    public Task WaitForOutputAsync(string text) => WaitForOutputAsync(output => output.Contains(text, StringComparison.Ordinal), $"'{text}'");

    /// <summary>SIGTERM, as a service manager or Ctrl+C stops a run: the process may still finish its work.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL: no chance to flush anything, as when a machine dies.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null) return;
        lock (text) text.AppendLine(line);
    }
}
