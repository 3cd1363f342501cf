using A3C.Actors.Training;
using A3C.Models.Networks;

namespace A3C.Host.Tests.Interop;

/// <summary>
/// <c>a3c checkpoints export</c> in both formats and <c>a3c train --init-from</c> with what it wrote,
/// over runs written straight into a store.
/// </summary>
public sealed class PolicyExportTests : IAsyncLifetime
{
    private const string Run = "cartpole";

    private readonly TemporaryRuns _runs = new();

    public Task InitializeAsync() =>
        // The run peaked at step 20 and collapsed: export takes the peak unless given a step.
        StoredRuns.SaveAsync(_runs.Options, Run, "CartPole-v1", (10, 50), (20, 475), (30, 12), (40, null));

    public Task DisposeAsync() => _runs.DisposeAsync().AsTask();

    [Fact]
    public async Task Pytorch_and_safetensors_exports_hold_identical_tensors_under_pytorch_names_with_a_sidecar()
    {
        var pytorch = await ExportAsync("policy.pt", "pytorch");
        var safetensors = await ExportAsync("policy.safetensors", "safetensors");

        Assert.Equal(WeightsFormat.PyTorch, WeightsFile.Detect(pytorch));
        Assert.Equal(WeightsFormat.Safetensors, WeightsFile.Detect(safetensors));
        var stored = StoredRuns.Weights(StoredRuns.Recipe(Run, "CartPole-v1"), 20);
        Assert.Equal(stored, await File.ReadAllBytesAsync(safetensors)); // the stored file as it is
        Assert.Equal(stored, Reloaded(pytorch));
        Assert.Equal(stored, Reloaded(safetensors));

        var sidecar = WeightsSidecar.Read(WeightsSidecar.PathFor(pytorch));
        Assert.Equal(("pytorch", "mlp-actor-critic", "relu", 64), (sidecar.Format, sidecar.Kind, sidecar.Activation, sidecar.Hidden));
        Assert.Equal([4], sidecar.ObservationShape);
        Assert.Equal(("float32", 1.0), (sidecar.ObservationDtype, sidecar.ObservationDivisor));
        Assert.Equal(new WeightsSidecar.DiscreteActions("discrete", 2), sidecar.ActionSpace);
        Assert.Equal(["body.weight", "body.bias", "policy.weight", "policy.bias", "value.weight", "value.bias"], sidecar.Layers.Select(l => l.Name));
        Assert.Equal([64L, 4], sidecar.Layers[0].Shape);
        Assert.Equal(("CartPole-v1", Run, 20L, 475.0), (sidecar.Environment, sidecar.Run, sidecar.Step, sidecar.MeanReward));
        Assert.Equal("safetensors", WeightsSidecar.Read(WeightsSidecar.PathFor(safetensors)).Format);
    }

    [Fact]
    public async Task Export_takes_the_best_snapshot_unless_given_a_step_and_says_which_and_why()
    {
        using var best = await _runs.RunAsync("checkpoints", "export", Run, "--out", _runs.File("best.pt"), "--format", "pytorch");
        using var asked = await _runs.RunAsync("checkpoints", "export", Run, "--step", "40", "--out", _runs.File("last.pt"), "--format", "pytorch");

        Assert.True(best.ExitCode == 0, best.Output + best.Error);
        Assert.Contains("taking snapshot 20 of run 'cartpole': the best mean reward of the run (mean reward 475.0)", best.Output);
        Assert.True(asked.ExitCode == 0, asked.Output + asked.Error);
        Assert.Contains("taking snapshot 40 of run 'cartpole': the step asked for (no mean reward recorded)", asked.Output);
        Assert.Equal(StoredRuns.Weights(StoredRuns.Recipe(Run, "CartPole-v1"), 40), Reloaded(_runs.File("last.pt")));
    }

    [Theory]
    [InlineData("policy.pt", "pytorch")]
    [InlineData("policy.safetensors", "safetensors")]
    public async Task Exported_weights_start_a_new_run_with_identical_weights(string file, string format)
    {
        var exported = await ExportAsync(file, format);

        // What a3c train --init-from does before any actor starts: read, check against the recipe, keep.
        var recipe = StoredRuns.Recipe("continued", "CartPole-v1");
        var initial = InitialWeights.Read(exported);
        initial.EnsureFits(recipe);
        using var net = StoredRuns.Network(recipe, step: 99);
        NetworkState.LoadWeights(net, initial.Weights);

        Assert.Equal(StoredRuns.Weights(recipe, 20), NetworkState.SaveWeights(net));
    }

    [Fact]
    public async Task Init_from_weights_of_another_network_exits_with_2_naming_the_parameter_and_both_shapes()
    {
        var exported = await ExportAsync("policy.pt", "pytorch");

        using var train = await TrainAsync("--init-from", exported, "--set", "training.hidden=32");

        Assert.Equal(2, train.ExitCode);
        Assert.Contains($"a3c train: {exported} does not fit the network of this config (CartPole-v1, hidden = 32): " +
                        "'body.weight' is [64, 4] in the sidecar, [32, 4] in the network", train.Error);
    }

    [Fact]
    public async Task Init_from_weights_without_their_sidecar_exits_with_2_saying_what_is_missing()
    {
        var exported = await ExportAsync("policy.safetensors", "safetensors");
        File.Delete(WeightsSidecar.PathFor(exported));

        using var train = await TrainAsync("--init-from", exported);

        Assert.Equal(2, train.ExitCode);
        Assert.Contains($"{exported}.json is missing: exported weights need the sidecar written beside them", train.Error);
    }

    [Fact]
    public async Task Init_from_a_file_that_is_no_state_dict_exits_with_2_naming_it()
    {
        var exported = await ExportAsync("policy.safetensors", "safetensors");
        await File.WriteAllTextAsync(exported, "not weights at all");

        using var train = await TrainAsync("--init-from", exported);

        Assert.Equal(2, train.ExitCode);
        Assert.Contains($"{exported} is neither a PyTorch state_dict (a torch.save zip archive) nor a safetensors file", train.Error);
    }

    private async Task<string> ExportAsync(string file, string format)
    {
        var path = _runs.File(file);
        using var export = await _runs.RunAsync("checkpoints", "export", Run, "--out", path, "--format", format);
        Assert.True(export.ExitCode == 0, $"exit code {export.ExitCode}:\n{export.Output}\n{export.Error}");
        Assert.Contains($"its sidecar to {path}.json", export.Output);
        return path;
    }

    /// <summary>An exported file read back and loaded into a network, saved as safetensors again to compare.</summary>
    private static byte[] Reloaded(string path)
    {
        using var net = StoredRuns.Network(StoredRuns.Recipe(Run, "CartPole-v1"), step: 99);
        NetworkState.LoadWeights(net, WeightsFile.ReadAsSafetensors(path));
        return NetworkState.SaveWeights(net);
    }

    private async Task<A3cProcess> TrainAsync(params string[] arguments)
    {
        var config = _runs.File("cartpole.conf");
        await File.WriteAllTextAsync(config, $$"""
            a3c.environment { id = CartPole-v1 }
            a3c.training { hidden = 64, optimizer = rmsprop }
            a3c.persistence.directory = "{{_runs.RunsDirectory}}"
            """);
        return await A3cProcess.RunAsync(_runs.Root, ["train", "--config", config, "--run", "continued", .. arguments]);
    }
}
