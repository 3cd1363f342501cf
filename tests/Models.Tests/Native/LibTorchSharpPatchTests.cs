using System.Diagnostics;

namespace A3C.Models.Tests.Native;

/// <summary>
/// The build step that makes TorchSharp's native library loadable on Debian 12
/// (Directory.Build.targets): run through MSBuild on copies, as the build runs it.
/// </summary>
public sealed class LibTorchSharpPatchTests : IDisposable
{
    private const string Version = "GLIBCXX_3.4.32";
    private const ushort VerFlgWeak = 0x2;
    private readonly string _directory = Directory.CreateTempSubdirectory("a3c-elf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_library_in_the_output_folder_loads_and_computes()
    {
        using var sum = TorchSharp.torch.ones(2, 3).sum();
        Assert.Equal(6f, sum.item<float>());
    }

    [Fact]
    public void The_version_requirement_is_marked_weak_in_a_copy_and_the_package_is_untouched()
    {
        if (SystemLibstdcxxHas(Version)) return; // nothing to patch on this system: the task keeps the package's file
        var source = PackageLibrary();
        var before = File.ReadAllBytes(source);
        var destination = Path.Combine(_directory, "patched", "libLibTorchSharp.so");

        var (exit, output) = RunTask(source, destination);

        Assert.True(exit == 0, output);
        Assert.Equal(before, File.ReadAllBytes(source));
        Assert.Equal(VerFlgWeak, VersionFlags(File.ReadAllBytes(destination), Version) & VerFlgWeak);
        Assert.Equal(0, VersionFlags(before, Version) & VerFlgWeak);
        var patched = File.ReadAllBytes(destination);
        var differing = Enumerable.Range(0, before.Length).Count(i => before[i] != patched[i]);
        Assert.Equal(1, differing);
    }

    [Fact]
    public void A_file_that_is_not_an_ELF_library_is_a_build_error_that_says_so()
    {
        if (SystemLibstdcxxHas(Version)) return;
        var source = Path.Combine(_directory, "libLibTorchSharp.so");
        File.WriteAllText(source, "not a library");

        var (exit, output) = RunTask(source, Path.Combine(_directory, "out.so"));

        Assert.NotEqual(0, exit);
        Assert.Contains("not an ELF file", output);
        Assert.Contains(Version, output);
    }

    [Fact]
    public void A_library_without_the_requirement_is_a_build_error_that_says_so()
    {
        if (SystemLibstdcxxHas(Version)) return;
        var source = new[] { "/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1" }.First(File.Exists);

        var (exit, output) = RunTask(source, Path.Combine(_directory, "out.so"));

        Assert.NotEqual(0, exit);
        Assert.Contains($"does not require {Version}", output);
    }

    private static string PackageLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    private static bool SystemLibstdcxxHas(string version)
    {
        var library = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }.FirstOrDefault(File.Exists);
        return library is not null && File.ReadAllBytes(library).AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(version + "\0")) >= 0;
    }

    /// <summary>Runs the task alone, from a project that imports the repository's targets.</summary>
    private (int Exit, string Output) RunTask(string source, string destination)
    {
        var targets = Path.Combine(RepositoryRoot(), "Directory.Build.targets");
        var project = Path.Combine(_directory, "patch.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{targets}" />
              <Target Name="Patch">
                <MarkElfVersionNeedWeak Source="{source}" Destination="{destination}" VersionName="{Version}" />
              </Target>
            </Project>
            """);
        var start = new ProcessStartInfo("dotnet", ["msbuild", project, "-t:Patch", "-nologo", "-v:m", "-nodeReuse:false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Akka.sln"))) return directory.FullName;
        throw new InvalidOperationException("Akka.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>vna_flags of the named entry in .gnu.version_r, read independently of the task.</summary>
    private static int VersionFlags(byte[] elf, string name)
    {
        var sections = (long)BitConverter.ToUInt64(elf, 0x28);
        int size = BitConverter.ToUInt16(elf, 0x3A), count = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < count; i++)
        {
            var header = (int)(sections + i * size);
            if (BitConverter.ToUInt32(elf, header + 4) != 0x6ffffffe) continue;
            var offset = (int)BitConverter.ToUInt64(elf, header + 0x18);
            var strings = (int)BitConverter.ToUInt64(elf, (int)(sections + BitConverter.ToUInt32(elf, header + 0x28) * size) + 0x18);
            for (var need = offset; ; )
            {
                for (int aux = need + (int)BitConverter.ToUInt32(elf, need + 8), a = 0; a < BitConverter.ToUInt16(elf, need + 2); a++)
                {
                    var at = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    var end = Array.IndexOf(elf, (byte)0, at);
                    if (System.Text.Encoding.ASCII.GetString(elf, at, end - at) == name) return BitConverter.ToUInt16(elf, aux + 4);
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                var next = (int)BitConverter.ToUInt32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        throw new InvalidOperationException($"{name} not found in .gnu.version_r");
    }
}
