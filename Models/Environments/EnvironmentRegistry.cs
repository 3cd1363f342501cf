using System.Numerics;
using A3C.Models.Environments.Box2D;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.MuJoCo;
using A3C.Models.Environments.Pong;
using A3C.Models.Environments.Wrappers;

namespace A3C.Models.Environments;

/// <summary>
/// Makes environments by id with the standard wrappers, as <c>gymnasium.make</c> does: the task, its time limit,
/// episode statistics (recorded on the raw rewards and frames), then optional pixel preprocessing, reward clipping
/// and observation normalisation. Configs and the CLI name environments by these ids.
/// </summary>
public sealed class EnvironmentRegistry
{
    private readonly Dictionary<string, Registration> registrations;

    private EnvironmentRegistry(IEnumerable<Registration> registrations)
    {
        this.registrations = registrations.ToDictionary(r => r.Spec.Id, StringComparer.Ordinal);
    }

    /// <summary>The environments this project ships.</summary>
    public static EnvironmentRegistry Standard { get; } = new(
    [
        new(new("CartPole-v1", ElementType.Float32, 500, "Balance a pole on a cart (Gymnasium CartPole-v1)."), () => new CartPole()),
        new(new("Acrobot-v1", ElementType.Float32, 500, "Swing a two-link arm up (Gymnasium Acrobot-v1)."), () => new Acrobot()),
        new(new("MountainCar-v0", ElementType.Float32, 200, "Drive a car out of a valley, discrete (Gymnasium MountainCar-v0)."), () => new MountainCar()),
        new(new("MountainCarContinuous-v0", ElementType.Float32, 999, "Drive a car out of a valley, continuous (Gymnasium MountainCarContinuous-v0)."), () => new MountainCarContinuous()),
        new(new("Pendulum-v1", ElementType.Float32, 200, "Swing a pendulum up and hold it (Gymnasium Pendulum-v1)."), () => new Pendulum()),
        new(new("Hopper-v5", ElementType.Float32, 1000, "Hop forward on one leg without falling (Gymnasium Hopper-v5, MuJoCo 2.2.2)."), () => new Hopper()),
        new(new("HalfCheetah-v5", ElementType.Float32, 1000, "Run forward on two legs (Gymnasium HalfCheetah-v5, MuJoCo 2.2.2)."), () => new HalfCheetah()),
        new(new(LunarLander.DiscreteId, ElementType.Float32, 1000, "Land a lander on a pad, discrete engines (Gymnasium LunarLander-v3, Box2D)."), () => new LunarLander()),
        new(new(LunarLander.ContinuousId, ElementType.Float32, 1000, "Land a lander on a pad, throttled engines (Gymnasium LunarLanderContinuous-v3, Box2D)."), () => new LunarLander(continuous: true)),
        new(new("PixelPong-v0", ElementType.UInt8, 108_000, "Our own 84x84 Pong against a computer opponent (not the Atari game)."), () => new PixelPong()),
    ]);

    /// <summary>The registered ids, sorted.</summary>
    public IReadOnlyList<string> Ids => registrations.Keys.Order(StringComparer.Ordinal).ToArray();

    public EnvironmentSpec Spec(string id) => Find(id).Spec;

    /// <summary>Makes one wrapped environment. <typeparamref name="TObs"/> must match the spec's observation type.</summary>
    /// <exception cref="ArgumentException">The id is unknown (the message lists the known ids), or the types or options do not fit.</exception>
    public IEnvironment<TObs> Make<TObs>(string id, EnvironmentOptions? options = null)
        where TObs : unmanaged, INumber<TObs>
    {
        var registration = Find(id);
        var spec = registration.Spec;
        options ??= EnvironmentOptions.Default;
        var requested = ElementTypeOf<TObs>();
        if (requested != spec.ObservationType)
            throw new ArgumentException($"{id} has {Name(spec.ObservationType)} observations; make it with Make<{ClrName(spec.ObservationType)}>, not Make<{ClrName(requested)}>.", nameof(TObs));

        var env = (IEnvironment<TObs>)registration.Create();
        env = new TimeLimit<TObs>(env, options.MaxEpisodeSteps ?? spec.MaxEpisodeSteps);
        env = new RecordEpisodeStatistics<TObs>(env);
        if (spec.ObservationType == ElementType.UInt8 && options.PixelPreprocessing)
        {
            env = new MaxAndSkip<TObs>(env, options.FrameSkip);
            env = new FrameStack<TObs>(env, options.FrameStack);
        }
        if (options.ClipRewards)
            env = new ClipReward<TObs>(env);
        if (options.NormalizeObservations)
        {
            if (env is not IEnvironment<float> floatEnv)
                throw new ArgumentException($"{id}: observation normalisation applies to float observations only; {id} has {Name(spec.ObservationType)} pixels.", nameof(options));
            env = (IEnvironment<TObs>)(object)new NormalizeObservation(floatEnv);
        }
        return env;
    }

    /// <summary>Makes <paramref name="count"/> identically wrapped copies stepped as one <see cref="VectorEnv{TObs}"/>.</summary>
    public VectorEnv<TObs> MakeVector<TObs>(string id, int count, EnvironmentOptions? options = null)
        where TObs : unmanaged, INumber<TObs>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var envs = new IEnvironment<TObs>[count];
        for (var i = 0; i < count; i++)
            envs[i] = Make<TObs>(id, options);
        return new VectorEnv<TObs>(envs);
    }

    private Registration Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (registrations.TryGetValue(id, out var registration))
            return registration;
        throw new ArgumentException($"Unknown environment id '{id}'. Known ids: {string.Join(", ", Ids)}.", nameof(id));
    }

    private static ElementType ElementTypeOf<TObs>()
    {
        if (typeof(TObs) == typeof(float))
            return ElementType.Float32;
        if (typeof(TObs) == typeof(byte))
            return ElementType.UInt8;
        throw new ArgumentException($"Observations are float or byte, not {typeof(TObs).Name}.", nameof(TObs));
    }

    private static string Name(ElementType type) => type == ElementType.Float32 ? "float32" : "uint8";

    private static string ClrName(ElementType type) => type == ElementType.Float32 ? "float" : "byte";

    private sealed record Registration(EnvironmentSpec Spec, Func<object> Create);
}
