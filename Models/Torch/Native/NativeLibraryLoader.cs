using System.Reflection;
using System.Runtime.InteropServices;

namespace A3C.LibTorch.Native;

/// <summary>
/// Finds the native half of the binding (<c>liba3c_torch.so</c>) at run time: an explicit path in
/// <c>A3C_TORCH_NATIVE</c> wins (a CUDA build, say), then the copy beside our assemblies, then the
/// CMake build folder of a source checkout.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string LibraryName = "a3c_torch";
    private const string FileName = "liba3c_torch.so";
    private const string PathVariable = "A3C_TORCH_NATIVE";

    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        var tried = new List<string>();
        foreach (var candidate in Candidates())
        {
            tried.Add(candidate);
            if (File.Exists(candidate)) return NativeLibrary.Load(candidate);
        }
        throw new DllNotFoundException(
            $"The libtorch binding {FileName} was not found. Looked in: {string.Join(", ", tried)}. " +
            $"Build it with scripts/setup.sh (or cmake -S Models/Torch/Native -B build/native && cmake --build build/native), " +
            $"or point {PathVariable} at it.");
    }

    private static IEnumerable<string> Candidates()
    {
        var explicitPath = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(explicitPath)) yield return explicitPath;
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, "build", "native", FileName);
    }
}
