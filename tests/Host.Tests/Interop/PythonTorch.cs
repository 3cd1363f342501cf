using System.Diagnostics;

namespace A3C.Host.Tests.Interop;

/// <summary>
/// Debian's PyTorch (<c>python3-torch</c>), which the interop tests load our exports with.
/// scripts/test.sh installs it; where it is missing those tests are reported skipped, saying why.
/// </summary>
internal static class PythonTorch
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(FindWhyMissing);

    /// <summary>Why the tests cannot run here; null when <c>import torch</c> works.</summary>
    public static string? WhyUnavailable => Missing.Value;

    /// <summary>Runs <paramref name="arguments"/> with the interpreter in the test's output folder; returns its exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {string.Join(' ', arguments)} did not finish within 3 minutes");
        }
        return (process.ExitCode, output, error.Result);
    }

    private static string? FindWhyMissing()
    {
        const string Install = "scripts/test.sh installs it (as root: apt-get install python3-torch)";
        if (!File.Exists(Interpreter)) return $"{Interpreter} does not exist, so exports cannot be checked with PyTorch; {Install}";
        try
        {
            var (exitCode, _, error) = Run("-c", "import torch");
            return exitCode == 0
                ? null
                : $"python3-torch is not installed: '{Interpreter} -c \"import torch\"' failed ({error.Trim().Split('\n')[^1]}); {Install}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return $"'{Interpreter} -c \"import torch\"' could not run ({e.Message}); {Install}";
        }
    }
}
