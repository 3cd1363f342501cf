using System.Runtime.InteropServices;
using System.Text.Json;
using A3C.Models.Algorithms;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace A3C.Host.Tests.Interop;

/// <summary>
/// Exports loaded by PyTorch itself with scripts/exported_policy.py (the README's lines): the module
/// built from the sidecar gives our policy's logits on the same observations.
/// </summary>
public sealed class PythonInteropTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Run = "exported";
    private const double Tolerance = 1e-5;

    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "scripts", "exported_policy.py");

    private readonly TemporaryRuns _runs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _runs.DisposeAsync().AsTask();

    [PythonTorchTheory]
    [InlineData("CartPole-v1", "pytorch")]
    [InlineData("CartPole-v1", "safetensors")]
    [InlineData("PixelPong-v0", "pytorch")]
    [InlineData("PixelPong-v0", "safetensors")]
    public async Task PyTorch_rebuilds_the_exported_policy_and_gives_our_logits(string environment, string format)
    {
        await StoredRuns.SaveAsync(_runs.Options, Run, environment, (7, 21.5));
        var weights = _runs.File($"policy.{format}");
        using (var export = await _runs.RunAsync("checkpoints", "export", Run, "--format", format, "--out", weights))
            Assert.True(export.ExitCode == 0, $"exit code {export.ExitCode}:\n{export.Output}\n{export.Error}");

        var recipe = StoredRuns.Recipe(Run, environment);
        var (space, _, _) = recipe.Spaces();
        var shape = ActorCriticFactory.ObservationShape(space);
        var (ours, observationsJson) = space.ElementType == A3C.Models.Environments.ElementType.UInt8
            ? Logits(recipe, shape, RandomObservations(3, space.Size, random => (byte)random.Next(256)))
            : Logits(recipe, shape, RandomObservations(5, space.Size, random => (float)(random.NextDouble() * 4 - 2)));
        var observations = _runs.File("observations.json");
        await File.WriteAllTextAsync(observations, observationsJson);

        var (exitCode, printed, error) = PythonTorch.Run(Script, weights, "--observations", observations);
        var (_, described, _) = PythonTorch.Run(Script, weights);
        output.WriteLine($"exported_policy.py {Path.GetFileName(weights)}: {described.Trim()}");
        output.WriteLine(printed.Length > 2000 ? printed[..2000] + " ..." : printed.Trim());
        Assert.True(exitCode == 0, $"exported_policy.py failed ({exitCode}):\n{printed}\n{error}");

        var theirs = JsonSerializer.Deserialize<JsonElement>(printed).GetProperty("logits").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(value => value.GetDouble()).ToArray()).ToArray();
        Assert.Equal(ours.Length, theirs.Length);
        for (var row = 0; row < ours.Length; row++)
        {
            Assert.Equal(ours[row].Length, theirs[row].Length);
            for (var action = 0; action < ours[row].Length; action++)
                Assert.True(Math.Abs(ours[row][action] - theirs[row][action]) <= Tolerance,
                    $"observation {row}, action {action}: our logit {ours[row][action]}, PyTorch's {theirs[row][action]}");
        }
        output.WriteLine($"largest difference {ours.Zip(theirs).SelectMany(pair => pair.First.Zip(pair.Second, (a, b) => Math.Abs(a - b))).Max():E2}");
    }

    [PythonTorchTheory]
    [InlineData("pytorch")]
    [InlineData("safetensors")]
    public async Task The_readme_lines_load_an_export_and_act(string format)
    {
        await StoredRuns.SaveAsync(_runs.Options, Run, "CartPole-v1", (7, 21.5));
        var weights = _runs.File($"policy.{format}");
        using (var export = await _runs.RunAsync("checkpoints", "export", Run, "--format", format, "--out", weights))
            Assert.True(export.ExitCode == 0, $"exit code {export.ExitCode}:\n{export.Output}\n{export.Error}");

        // The README's block as it stands (run from a folder holding scripts/exported_policy.py), on this export.
        var readme = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var section = readme[readme.IndexOf("### Using a policy in PyTorch", StringComparison.Ordinal)..];
        var start = section.IndexOf("```python\n", StringComparison.Ordinal) + "```python\n".Length;
        var lines = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Contains("\"cartpole.pt\"", lines);
        var (exitCode, printed, error) = PythonTorch.Run("-c", lines.Replace("\"cartpole.pt\"", JsonSerializer.Serialize(weights)) +
            "print(sidecar['kind'], sidecar['run'], sidecar['step'], logits.tolist(), action.tolist())\n");

        output.WriteLine(printed.Trim());
        Assert.True(exitCode == 0, $"the README's lines failed ({exitCode}):\n{lines}\n{printed}\n{error}");
        Assert.StartsWith("mlp-actor-critic exported 7 [[", printed);
    }

    /// <summary>Our policy's logits for the observations, and the observations as a JSON list of nested lists.</summary>
    private static (double[][] Logits, string Json) Logits<TObs>(A3C.Actors.Training.TrainingRecipe recipe, long[] shape, TObs[][] observations)
        where TObs : unmanaged
    {
        using var net = StoredRuns.Network(recipe, step: 7);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var flat = observations.SelectMany(observation => observation).ToArray();
        var logits = net.forward(Observations.ToTensor(flat, observations.Length, shape, CPU)).to_type(ScalarType.Float32).contiguous();
        var values = MemoryMarshal.Cast<byte, float>(logits.bytes).ToArray();
        var actions = (int)logits.shape[1];
        var rows = Enumerable.Range(0, observations.Length).Select(row => values.Skip(row * actions).Take(actions).Select(v => (double)v).ToArray()).ToArray();
        return (rows, JsonSerializer.Serialize(observations.Select(observation => Nested(observation, shape))));
    }

    /// <summary>A flat observation as nested lists of <paramref name="shape"/>, as torch.tensor wants it.</summary>
    private static object Nested<TObs>(TObs[] flat, long[] shape)
    {
        if (shape.Length == 1) return flat.Select(value => (object)value!).ToArray();
        var inner = (int)shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        return Enumerable.Range(0, (int)shape[0]).Select(i => Nested(flat[(i * inner)..((i + 1) * inner)], shape[1..])).ToArray();
    }

    private static T[][] RandomObservations<T>(int count, int size, Func<Random, T> draw)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size).Select(_ => draw(random)).ToArray())];
    }
}
