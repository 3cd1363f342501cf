using System.Collections.Immutable;
using System.Runtime.Serialization;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using Akka.Actor;
using Akka.Serialization;

namespace A3C.Actors.Training.Cluster.Serialization;

/// <summary>
/// Akka.NET serializer for every training message that crosses between a learner node and its
/// worker nodes. Fields are little-endian; arrays (weights, gradients, observations) are their raw
/// bytes after an element count, one copy each way. Reading refuses truncated input, counts that
/// exceed the bytes left, trailing bytes, unknown enum values and arrays that disagree with their
/// batch's shape (<see cref="WireReader"/>): a bad frame becomes a <see cref="SerializationException"/>
/// that Akka.Remote logs and drops, never a message the learner would read past.
/// Bind it with <see cref="Setup"/> (closed generic types are awkward to name in HOCON).
/// </summary>
public sealed class TrainingMessageSerializer : SerializerWithStringManifest
{
    /// <summary>Akka.NET reserves 0-100 for itself; this id is ours on every node of a cluster.</summary>
    public const int Id = 4131;

    public const string Alias = "a3c-training";

    // Manifests are short and stable: they name the wire format, not the CLR type, so types may
    // move between namespaces without breaking a cluster of mixed versions.
    public const string RegisterWorkerManifest = "RW";
    public const string WeightSnapshotManifest = "WS";
    public const string FloatExperienceManifest = "EF";
    public const string ByteExperienceManifest = "EB";
    public const string GradientPacketManifest = "GP";
    public const string BatchConsumedManifest = "BC";
    public const string FloatInferenceRequestManifest = "IF";
    public const string ByteInferenceRequestManifest = "IB";
    public const string InferenceReplyManifest = "IR";
    public const string DescribeRunManifest = "DR";
    public const string RunDescriptionManifest = "RD";
    public const string DescribeTrainingManifest = "DT";
    public const string TrainingContractManifest = "TC";
    public const string RegisterRemoteWorkerManifest = "RR";
    public const string WorkerProxyAssignedManifest = "PA";

    /// <summary>Names (run, environment id, actor path) are short; longer is garbage.</summary>
    private const int MaxStringBytes = 4096;

    private delegate void Encoder<in T>(ref WireWriter writer, T message);

    public TrainingMessageSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override int Identifier => Id;

    /// <summary>Every message type this serializer carries.</summary>
    public static ImmutableHashSet<Type> MessageTypes { get; } =
    [
        typeof(RegisterWorker), typeof(WeightSnapshot), typeof(ExperienceBatch<float>), typeof(ExperienceBatch<byte>),
        typeof(GradientPacket), typeof(BatchConsumed), typeof(InferenceRequest<float>), typeof(InferenceRequest<byte>),
        typeof(InferenceReply), typeof(DescribeRun), typeof(RunDescription), typeof(DescribeTraining), typeof(TrainingContract),
        typeof(RegisterRemoteWorker), typeof(WorkerProxyAssigned),
    ];

    /// <summary>Registers the serializer for <see cref="MessageTypes"/>; pass it to <c>ActorSystem.Create</c> with the node's config.</summary>
    public static SerializationSetup Setup() => SerializationSetup.Create(system =>
        [SerializerDetails.Create(Alias, new TrainingMessageSerializer(system), MessageTypes)]);

    public override string Manifest(object o) => o switch
    {
        RegisterWorker => RegisterWorkerManifest,
        WeightSnapshot => WeightSnapshotManifest,
        ExperienceBatch<float> => FloatExperienceManifest,
        ExperienceBatch<byte> => ByteExperienceManifest,
        GradientPacket => GradientPacketManifest,
        BatchConsumed => BatchConsumedManifest,
        InferenceRequest<float> => FloatInferenceRequestManifest,
        InferenceRequest<byte> => ByteInferenceRequestManifest,
        InferenceReply => InferenceReplyManifest,
        DescribeRun => DescribeRunManifest,
        RunDescription => RunDescriptionManifest,
        DescribeTraining => DescribeTrainingManifest,
        TrainingContract => TrainingContractManifest,
        RegisterRemoteWorker => RegisterRemoteWorkerManifest,
        WorkerProxyAssigned => WorkerProxyAssignedManifest,
        _ => throw Unknown(o),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        RegisterWorker m => Encode(m, WriteRegisterWorker),
        WeightSnapshot m => Encode(m, WriteWeightSnapshot),
        ExperienceBatch<float> m => Encode(m, WriteExperience),
        ExperienceBatch<byte> m => Encode(m, WriteExperience),
        GradientPacket m => Encode(m, WriteGradientPacket),
        BatchConsumed or DescribeRun or DescribeTraining => [],
        TrainingContract m => Encode(m, WriteTrainingContract),
        RegisterRemoteWorker m => Encode(m, (ref WireWriter w, RegisterRemoteWorker r) =>
        {
            WriteRef(ref w, r.Worker);
            w.Int32(r.Index);
            w.Int32(r.TensorPort);
        }),
        WorkerProxyAssigned m => Encode(m, (ref WireWriter w, WorkerProxyAssigned a) =>
        {
            WriteRef(ref w, a.Worker);
            WriteRef(ref w, a.Proxy);
        }),
        InferenceRequest<float> m => Encode(m, WriteInferenceRequest),
        InferenceRequest<byte> m => Encode(m, WriteInferenceRequest),
        InferenceReply m => Encode(m, WriteInferenceReply),
        RunDescription m => Encode(m, WriteRunDescription),
        _ => throw Unknown(obj),
    };

    public override object FromBinary(byte[] bytes, string manifest) => FromBinary(bytes.AsSpan(), manifest);

    /// <summary>As <see cref="FromBinary(byte[], string)"/>, from part of a larger buffer (a tensor channel frame) without copying it out first.</summary>
    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new WireReader(bytes, MessageName(manifest));
        object message = manifest switch
        {
            RegisterWorkerManifest => ReadRegisterWorker(ref reader),
            WeightSnapshotManifest => new WeightSnapshot(reader.Int64("version"), reader.Array<float>("weights")),
            FloatExperienceManifest => ReadExperience<float>(ref reader),
            ByteExperienceManifest => ReadExperience<byte>(ref reader),
            GradientPacketManifest => new GradientPacket(reader.Array<float>("gradients"), reader.Int64("weight version"),
                ReadStatistics(ref reader), ReadReport(ref reader)),
            BatchConsumedManifest => new BatchConsumed(),
            FloatInferenceRequestManifest => ReadInferenceRequest<float>(ref reader),
            ByteInferenceRequestManifest => ReadInferenceRequest<byte>(ref reader),
            InferenceReplyManifest => new InferenceReply(reader.Array<int>("actions"), reader.Int64("version")),
            DescribeRunManifest => new DescribeRun(),
            RunDescriptionManifest => new RunDescription(reader.String("run name", MaxStringBytes),
                reader.String("environment id", MaxStringBytes), reader.Enum<TrainingMode>("mode"), reader.Enum<InferenceMode>("inference"),
                reader.Int64("parameter count")),
            DescribeTrainingManifest => new DescribeTraining(),
            TrainingContractManifest => ReadTrainingContract(ref reader),
            RegisterRemoteWorkerManifest => new RegisterRemoteWorker(ReadRef(ref reader, "worker"), reader.Int32("index"), reader.Int32("tensor port")),
            WorkerProxyAssignedManifest => new WorkerProxyAssigned(ReadRef(ref reader, "worker"), ReadRef(ref reader, "proxy")),
            _ => throw new SerializationException($"Unknown training message manifest '{manifest}' (serializer {Id}): " +
                "the sending node runs another version of a3c."),
        };
        reader.End();
        return message;
    }

    private static byte[] Encode<T>(T message, Encoder<T> encode)
    {
        var measuring = WireWriter.Measuring();
        encode(ref measuring, message);
        // Every byte is written below: no need to zero 13 MiB first.
        var bytes = GC.AllocateUninitializedArray<byte>(measuring.Written);
        var writer = new WireWriter(bytes);
        encode(ref writer, message);
        return bytes;
    }

    private static void WriteRegisterWorker(ref WireWriter w, RegisterWorker m)
    {
        WriteRef(ref w, m.Worker);
        w.Int32(m.Index);
    }

    private RegisterWorker ReadRegisterWorker(ref WireReader r) => new(ReadRef(ref r, "worker"), r.Int32("index"));

    // The path with this node's address as the receiving node sees it (Akka sets the transport
    // information while serializing for a remote recipient).
    private static void WriteRef(ref WireWriter w, IActorRef actor) => w.String(Akka.Serialization.Serialization.SerializedActorPath(actor));

    private IActorRef ReadRef(ref WireReader r, string what)
    {
        var path = r.String($"{what} path", MaxStringBytes);
        if (path.Length == 0) throw r.Refused($"it names no {what}");
        return system.Provider.ResolveActorRef(path);
    }

    private static void WriteWeightSnapshot(ref WireWriter w, WeightSnapshot m)
    {
        w.Int64(m.Version);
        w.Array<float>(m.Weights);
    }

    private static void WriteExperience<TObs>(ref WireWriter w, ExperienceBatch<TObs> m) where TObs : unmanaged
    {
        // Arrays may be longer than the batch (pooled buffers): only the batch's rows travel.
        var t = m.Transitions;
        var values = t.Count * t.ObservationSize;
        w.Int32(t.Count);
        w.Int32(t.ObservationSize);
        w.Array<TObs>(t.Observations.AsSpan(0, values));
        w.Array<int>(t.Actions.AsSpan(0, t.Count));
        w.Array<float>(t.Returns.AsSpan(0, t.Count));
        w.Array<TObs>(t.BootstrapObservations.AsSpan(0, values));
        w.Array<float>(t.BootstrapDiscounts.AsSpan(0, t.Count));
        w.Int64(m.WeightVersion);
        WriteReport(ref w, m.Report);
    }

    private static ExperienceBatch<TObs> ReadExperience<TObs>(ref WireReader r) where TObs : unmanaged
    {
        var count = r.Int32("count");
        var size = r.Int32("observation size");
        var transitions = new TransitionBatch<TObs>(count, size, r.Array<TObs>("observations"), r.Array<int>("actions"),
            r.Array<float>("returns"), r.Array<TObs>("bootstrap observations"), r.Array<float>("bootstrap discounts"));
        // Arrays that disagree with the count would make the learner read past them.
        var values = (long)count * size;
        if (count < 0 || size < 1 || transitions.Observations.Length != values || transitions.BootstrapObservations.Length != values
            || transitions.Actions.Length != count || transitions.Returns.Length != count || transitions.BootstrapDiscounts.Length != count)
            throw r.Refused($"its arrays do not match its {count} transitions of {size} values");
        return new ExperienceBatch<TObs>(transitions, r.Int64("weight version"), ReadReport(ref r));
    }

    private static void WriteGradientPacket(ref WireWriter w, GradientPacket m)
    {
        w.Array<float>(m.Gradients);
        w.Int64(m.WeightVersion);
        WriteStatistics(ref w, m.Statistics);
        WriteReport(ref w, m.Report);
    }

    private static void WriteInferenceRequest<TObs>(ref WireWriter w, InferenceRequest<TObs> m) where TObs : unmanaged
    {
        w.Array<TObs>(m.Observations);
        w.Int32(m.Count);
        w.Int64(m.MinimumVersion);
    }

    private static InferenceRequest<TObs> ReadInferenceRequest<TObs>(ref WireReader r) where TObs : unmanaged
    {
        var observations = r.Array<TObs>("observations");
        var count = r.Int32("count");
        if (count < 1 || observations.Length % count != 0)
            throw r.Refused($"{observations.Length} observation values do not split into {count} observations");
        return new InferenceRequest<TObs>(observations, count, r.Int64("minimum version"));
    }

    private static void WriteInferenceReply(ref WireWriter w, InferenceReply m)
    {
        w.Array<int>(m.Actions);
        w.Int64(m.Version);
    }

    private static void WriteRunDescription(ref WireWriter w, RunDescription m)
    {
        w.String(m.RunName);
        w.String(m.EnvironmentId);
        w.Int32((int)m.Mode);
        w.Int32((int)m.Inference);
        w.Int64(m.ParameterCount);
    }

    private static void WriteTrainingContract(ref WireWriter w, TrainingContract m)
    {
        w.String(m.RunName);
        w.String(m.Environment);
        w.Int32(m.FrameSkip);
        w.Int32(m.FrameStack);
        w.Int32(m.ClipRewards ? 1 : 0);
        w.Int32(m.MaxEpisodeSteps);
        w.Int32(m.Hidden);
        w.Int32((int)m.Mode);
        w.Int32((int)m.Inference);
        w.Double(m.Gamma);
        w.Int32(m.RewardSteps);
        w.Int32(m.BatchSize);
        w.Int32(m.GradBatch);
        w.Int32(m.TrainBatch);
        w.Int32(m.TensorPort);
    }

    private static TrainingContract ReadTrainingContract(ref WireReader r)
    {
        var (run, environment) = (r.String("run name", MaxStringBytes), r.String("environment", MaxStringBytes));
        var (frameSkip, frameStack) = (r.Int32("frame skip"), r.Int32("frame stack"));
        var clipRewards = r.Int32("clip rewards") switch
        {
            0 => false,
            1 => true,
            var other => throw r.Refused($"clip rewards is {other}, not 0 or 1"),
        };
        return new TrainingContract(run, environment, frameSkip, frameStack, clipRewards, r.Int32("max episode steps"), r.Int32("hidden"),
            r.Enum<TrainingMode>("mode"), r.Enum<InferenceMode>("inference"), r.Double("gamma"), r.Int32("reward steps"),
            r.Int32("batch size"), r.Int32("grad batch"), r.Int32("train batch")) { TensorPort = r.Int32("tensor port") };
    }

    private static void WriteReport(ref WireWriter w, WorkerReport report)
    {
        w.Int32(report.Episodes.Length);
        foreach (var episode in report.Episodes)
        {
            w.Double(episode.Return);
            w.Int32(episode.Length);
        }
        w.Int64(report.Frames);
        w.Int32(report.EnvironmentRestarts);
    }

    private static WorkerReport ReadReport(ref WireReader r)
    {
        // 12 bytes an episode: a count beyond what is left is refused before allocating.
        var episodes = new EpisodeStatistics[r.Count("episode count", sizeof(double) + sizeof(int))];
        for (var i = 0; i < episodes.Length; i++) episodes[i] = new EpisodeStatistics(r.Double("episode return"), r.Int32("episode length"));
        return new WorkerReport(episodes, r.Int64("frames"), r.Int32("environment restarts"));
    }

    private static void WriteStatistics(ref WireWriter w, A2CStatistics s)
    {
        foreach (var value in (ReadOnlySpan<double>)[s.Loss, s.PolicyLoss, s.ValueLoss, s.Entropy, s.Advantage, s.Values, s.BatchReturns,
                     s.GradientL2, s.GradientMax, s.GradientVariance])
            w.Double(value);
        w.Int32(s.BatchSize);
    }

    private static A2CStatistics ReadStatistics(ref WireReader r) => new(
        r.Double("loss"), r.Double("policy loss"), r.Double("value loss"), r.Double("entropy"), r.Double("advantage"),
        r.Double("values"), r.Double("batch returns"), r.Double("gradient L2"), r.Double("gradient max"),
        r.Double("gradient variance"), r.Int32("batch size"));

    private static string MessageName(string manifest) => manifest switch
    {
        RegisterWorkerManifest => nameof(RegisterWorker),
        WeightSnapshotManifest => nameof(WeightSnapshot),
        FloatExperienceManifest => "ExperienceBatch<float>",
        ByteExperienceManifest => "ExperienceBatch<byte>",
        GradientPacketManifest => nameof(GradientPacket),
        BatchConsumedManifest => nameof(BatchConsumed),
        FloatInferenceRequestManifest => "InferenceRequest<float>",
        ByteInferenceRequestManifest => "InferenceRequest<byte>",
        InferenceReplyManifest => nameof(InferenceReply),
        DescribeRunManifest => nameof(DescribeRun),
        RunDescriptionManifest => nameof(RunDescription),
        DescribeTrainingManifest => nameof(DescribeTraining),
        TrainingContractManifest => nameof(TrainingContract),
        RegisterRemoteWorkerManifest => nameof(RegisterRemoteWorker),
        WorkerProxyAssignedManifest => nameof(WorkerProxyAssigned),
        _ => "training message",
    };

    private static ArgumentException Unknown(object o) =>
        new($"{o?.GetType().FullName ?? "null"} is not a training message this serializer carries ({string.Join(", ", MessageTypes.Select(t => t.Name))}).", nameof(o));
}
