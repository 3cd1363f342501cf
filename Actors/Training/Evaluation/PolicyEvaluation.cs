using System.Numerics;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using A3C.Models.Environments.Rendering;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Actors.Training.Evaluation;

/// <summary>
/// Plays a policy on its run's environment, one episode after another on a single copy built with
/// the run's settings, and reports each episode's return and length.
/// </summary>
public static class PolicyEvaluation
{
    /// <exception cref="ArgumentException">The options are out of range, or the render file cannot be written.</exception>
    public static EvaluationReport Run(StoredPolicy policy, EvaluationOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Episodes < 1) throw new ArgumentException($"--episodes must be at least 1, got {options.Episodes}");
        return policy.ObservationType == ElementType.UInt8
            ? Run<byte>(policy, options, cancellationToken)
            : Run<float>(policy, options, cancellationToken);
    }

    private static EvaluationReport Run<TObs>(StoredPolicy policy, EvaluationOptions options, CancellationToken cancellationToken)
        where TObs : unmanaged, INumber<TObs>
    {
        var settings = policy.Recipe.Environment;
        var env = EnvironmentRegistry.Standard.Make<TObs>(settings.Id, settings.ToOptions());
        var observation = new TObs[env.ObservationSpace.Size];
        var shape = ActorCriticFactory.ObservationShape(env.ObservationSpace);
        using var generator = new Generator(options.Seed);
        var recorder = options.RenderPath is null ? null : new EpisodeRecorder();
        var episodes = new List<EpisodeStatistics>(options.Episodes);
        for (var episode = 0; episode < options.Episodes; episode++)
        {
            // Seeded once, as Gymnasium does: later episodes continue the environment's generator.
            env.Reset(observation, episode == 0 ? options.Seed : null);
            var recording = episode == 0 ? recorder : null;
            recording?.Capture(env);
            var (total, length) = (0.0, 0);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = env.Step(Act(policy.Network, observation, shape, options.Greedy, generator), observation);
                recording?.Capture(env);
                total += step.Reward;
                length++;
                if (!step.Done) continue;
                // The recorder's figures are the game's own (before reward clipping, in frames).
                episodes.Add(step.Episode ?? new EpisodeStatistics(total, length));
                break;
            }
        }

        if (recorder is not null) Save(recorder, options.RenderPath!);
        return new EvaluationReport(episodes, recorder?.Frames.Count ?? 0);
    }

    private static int Act<TObs>(ActorCritic network, TObs[] observation, long[] shape, bool greedy, Generator generator)
        where TObs : unmanaged
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = network.forward(Observations.ToTensor(observation, 1, shape, CPU));
        var action = greedy
            ? logits.argmax(1)
            : nn.functional.softmax(logits, 1).multinomial(1, generator: generator);
        return (int)action.item<long>();
    }

    private static void Save(EpisodeRecorder recorder, string path)
    {
        try
        {
            recorder.SaveGif(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot write the rendered episode to {path}: {e.Message}", e);
        }
    }
}
