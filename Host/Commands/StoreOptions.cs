using System.CommandLine;
using A3C.Actors.Persistence;
using A3C.Actors.Persistence.Checkpoints;
using A3C.Actors.Training;
using A3C.Actors.Training.Settings;
using A3C.Configuration;

namespace A3C.Host.Commands;

/// <summary>
/// The options that choose a checkpoint store (<c>--provider</c>, <c>--directory</c>,
/// <c>--connection-string</c>), shared by the commands that read stored runs. What they leave out
/// comes from the reference config's <c>a3c.persistence</c>.
/// </summary>
internal sealed record StoreOptions(Option<PersistenceProvider?> Provider, Option<string?> Directory, Option<string?> ConnectionString)
{
    public static StoreOptions Create() => new(
        new Option<PersistenceProvider?>("--provider") { Description = "sqlite or postgres (default: a3c.persistence.provider)", Recursive = true },
        new Option<string?>("--directory") { Description = "The runs directory of the sqlite store (default: a3c.persistence.directory)", Recursive = true },
        new Option<string?>("--connection-string")
        {
            Description = "The postgres connection string (default: a3c.persistence.connection-string or $A3C_POSTGRES)", Recursive = true,
        });

    public void AddTo(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(Directory);
        command.Options.Add(ConnectionString);
    }

    /// <summary>What the command line gives, the reference config's <c>a3c.persistence</c> for the rest.</summary>
    public PersistenceOptions Read(ParseResult result)
    {
        var defaults = RecipeLoader.Load(null, [], null).Bind<PersistenceSettings>().ToOptions();
        return defaults with
        {
            Provider = result.GetValue(Provider) ?? defaults.Provider,
            Directory = result.GetValue(Directory) ?? defaults.Directory,
            ConnectionString = result.GetValue(ConnectionString) ?? defaults.ConnectionString,
        };
    }

    /// <summary>
    /// Opens the checkpoint store of <paramref name="run"/> and runs <paramref name="action"/>; a
    /// store, config or user error is printed after <paramref name="command"/> (e.g. "a3c eval") and exits with 2.
    /// </summary>
    public async Task<int> WithStoreAsync(ParseResult result, string command, string run, Func<CheckpointStore, Task<int>> action,
        CancellationToken cancellation)
    {
        try
        {
            await using var store = await CheckpointStore.OpenAsync(Read(result), run, create: false, cancellation);
            return await action(store);
        }
        catch (Exception e) when (e is PersistenceException or ConfigException or ArgumentException or IncompatibleCheckpointException
                                       or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{command}: {e.Message}");
            return 2;
        }
    }

    /// <summary>The chosen checkpoint's policy, built from the config stored with it.</summary>
    public static async Task<StoredPolicy> LoadPolicyAsync(CheckpointStore store, string command, string run, long? step,
        CancellationToken cancellation)
    {
        var chosen = await ChosenSnapshot.ChooseAsync(store.Reader, run, step, cancellation);
        var point = chosen.Point;
        Console.WriteLine($"{command}: taking snapshot {point.SequenceNr} of run '{run}': {chosen.Why}");
        var config = RecipeLoader.LoadStored(point.Metadata.Config, $"config stored in snapshot {point.SequenceNr} of run '{run}'", [], "cpu");
        return StoredPolicy.Load(point, TrainingRecipe.FromConfig(config, run));
    }
}
