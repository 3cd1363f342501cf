using System.Buffers;
using A3C.Actors.Cluster;
using A3C.Actors.Remote.Serialization;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Models.Algorithms;
using A3C.Models.Environments;

namespace A3C.Actors.Training.Cluster;

/// <summary>
/// Wire codecs for every message that crosses between a learner node and its worker nodes, under
/// type ids 110-129 (membership has 100-109). Bulk arrays (weights, gradients, observations)
/// travel as raw little-endian buffers.
/// </summary>
public static class TrainingCodecs
{
    /// <summary>The codecs a training cluster node needs: membership and training messages.</summary>
    public static SerializerRegistry Registry() => new SerializerRegistry().AddClusterCodecs().AddTrainingCodecs();

    public static SerializerRegistry AddTrainingCodecs(this SerializerRegistry registry) => registry
        .Add<RegisterWorker>(110, refs => MessageCodec.Create<RegisterWorker>(
            (o, m) =>
            {
                refs.Write(o, m.Worker);
                o.WriteInt32(m.Index);
            },
            (ref r) => new RegisterWorker(refs.Read(ref r) ?? throw new InvalidDataException("RegisterWorker names no worker."), Wire.ReadInt32(ref r))))
        .Add(111, MessageCodec.Create<WeightSnapshot>(
            (o, m) =>
            {
                o.WriteInt64(m.Version);
                o.WriteArray<float>(m.Weights);
            },
            (ref r) => new WeightSnapshot(Wire.ReadInt64(ref r), Wire.ReadArray<float>(ref r))))
        .Add(112, ExperienceCodec<float>())
        .Add(113, ExperienceCodec<byte>())
        .Add(114, MessageCodec.Create<GradientPacket>(
            (o, m) =>
            {
                o.WriteArray<float>(m.Gradients);
                o.WriteInt64(m.WeightVersion);
                WriteStatistics(o, m.Statistics);
                WriteReport(o, m.Report);
            },
            (ref r) => new GradientPacket(Wire.ReadArray<float>(ref r), Wire.ReadInt64(ref r), ReadStatistics(ref r), ReadReport(ref r))))
        .Add(115, MessageCodec.Create<BatchConsumed>((_, _) => { }, (ref _) => new BatchConsumed()))
        .Add(116, InferenceRequestCodec<float>())
        .Add(117, InferenceRequestCodec<byte>())
        .Add(118, MessageCodec.Create<InferenceReply>(
            (o, m) =>
            {
                o.WriteArray<int>(m.Actions);
                o.WriteInt64(m.Version);
            },
            (ref r) => new InferenceReply(Wire.ReadArray<int>(ref r), Wire.ReadInt64(ref r))))
        .Add(119, MessageCodec.Create<DescribeRun>((_, _) => { }, (ref _) => new DescribeRun()))
        .Add(120, MessageCodec.Create<RunDescription>(
            (o, m) =>
            {
                o.WriteString(m.RunName);
                o.WriteString(m.EnvironmentId);
                o.WriteInt32((int)m.Mode);
                o.WriteInt32((int)m.Inference);
                o.WriteInt64(m.ParameterCount);
            },
            (ref r) => new RunDescription(RequiredString(ref r, "run name"), RequiredString(ref r, "environment id"),
                ReadEnum<TrainingMode>(ref r), ReadEnum<InferenceMode>(ref r), Wire.ReadInt64(ref r))));

    private static MessageCodec<ExperienceBatch<TObs>> ExperienceCodec<TObs>() where TObs : unmanaged => MessageCodec.Create<ExperienceBatch<TObs>>(
        (o, m) =>
        {
            var t = m.Transitions;
            var values = t.Count * t.ObservationSize;
            o.WriteInt32(t.Count);
            o.WriteInt32(t.ObservationSize);
            o.WriteArray<TObs>(t.Observations.AsSpan(0, values));
            o.WriteArray<int>(t.Actions.AsSpan(0, t.Count));
            o.WriteArray<float>(t.Returns.AsSpan(0, t.Count));
            o.WriteArray<TObs>(t.BootstrapObservations.AsSpan(0, values));
            o.WriteArray<float>(t.BootstrapDiscounts.AsSpan(0, t.Count));
            o.WriteInt64(m.WeightVersion);
            WriteReport(o, m.Report);
        },
        (ref r) =>
        {
            var count = Wire.ReadInt32(ref r);
            var size = Wire.ReadInt32(ref r);
            var transitions = new TransitionBatch<TObs>(count, size, Wire.ReadArray<TObs>(ref r), Wire.ReadArray<int>(ref r),
                Wire.ReadArray<float>(ref r), Wire.ReadArray<TObs>(ref r), Wire.ReadArray<float>(ref r));
            RequireShape(transitions);
            return new ExperienceBatch<TObs>(transitions, Wire.ReadInt64(ref r), ReadReport(ref r));
        });

    /// <summary>A batch whose arrays disagree with its count would make the learner read past them: refuse it at the door.</summary>
    private static void RequireShape<TObs>(TransitionBatch<TObs> t) where TObs : unmanaged
    {
        var values = (long)t.Count * t.ObservationSize;
        if (t.Count < 0 || t.ObservationSize < 1 || t.Observations.Length != values || t.BootstrapObservations.Length != values
            || t.Actions.Length != t.Count || t.Returns.Length != t.Count || t.BootstrapDiscounts.Length != t.Count)
            throw new InvalidDataException($"ExperienceBatch arrays do not match its {t.Count} transitions of {t.ObservationSize} values.");
    }

    private static MessageCodec<InferenceRequest<TObs>> InferenceRequestCodec<TObs>() where TObs : unmanaged => MessageCodec.Create<InferenceRequest<TObs>>(
        (o, m) =>
        {
            o.WriteArray<TObs>(m.Observations);
            o.WriteInt32(m.Count);
            o.WriteInt64(m.MinimumVersion);
        },
        (ref r) => new InferenceRequest<TObs>(Wire.ReadArray<TObs>(ref r), Wire.ReadInt32(ref r), Wire.ReadInt64(ref r)));

    private static void WriteReport(IBufferWriter<byte> o, WorkerReport report)
    {
        o.WriteInt32(report.Episodes.Length);
        foreach (var episode in report.Episodes)
        {
            o.WriteDouble(episode.Return);
            o.WriteInt32(episode.Length);
        }
        o.WriteInt64(report.Frames);
        o.WriteInt32(report.EnvironmentRestarts);
    }

    private static WorkerReport ReadReport(ref SequenceReader<byte> r)
    {
        var count = Wire.ReadInt32(ref r);
        // Each episode takes 12 bytes: a count beyond what is left is garbage, not an allocation to attempt.
        if (count < 0 || count > r.Remaining / 12) throw new InvalidDataException($"WorkerReport claims {count} episodes in {r.Remaining} bytes.");
        var episodes = new EpisodeStatistics[count];
        for (var i = 0; i < count; i++) episodes[i] = new EpisodeStatistics(Wire.ReadDouble(ref r), Wire.ReadInt32(ref r));
        return new WorkerReport(episodes, Wire.ReadInt64(ref r), Wire.ReadInt32(ref r));
    }

    private static void WriteStatistics(IBufferWriter<byte> o, A2CStatistics s)
    {
        foreach (var value in (ReadOnlySpan<double>)[s.Loss, s.PolicyLoss, s.ValueLoss, s.Entropy, s.Advantage, s.Values, s.BatchReturns,
                     s.GradientL2, s.GradientMax, s.GradientVariance])
            o.WriteDouble(value);
        o.WriteInt32(s.BatchSize);
    }

    private static A2CStatistics ReadStatistics(ref SequenceReader<byte> r) => new(
        Wire.ReadDouble(ref r), Wire.ReadDouble(ref r), Wire.ReadDouble(ref r), Wire.ReadDouble(ref r), Wire.ReadDouble(ref r),
        Wire.ReadDouble(ref r), Wire.ReadDouble(ref r), Wire.ReadDouble(ref r), Wire.ReadDouble(ref r), Wire.ReadDouble(ref r),
        Wire.ReadInt32(ref r));

    private static string RequiredString(ref SequenceReader<byte> r, string what) =>
        Wire.ReadString(ref r) ?? throw new InvalidDataException($"RunDescription has no {what}.");

    private static TEnum ReadEnum<TEnum>(ref SequenceReader<byte> r) where TEnum : struct, Enum
    {
        var value = (TEnum)(object)Wire.ReadInt32(ref r);
        return Enum.IsDefined(value) ? value : throw new InvalidDataException($"{value} is not a {typeof(TEnum).Name}.");
    }
}
