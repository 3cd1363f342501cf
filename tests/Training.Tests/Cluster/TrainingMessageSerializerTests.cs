using System.Runtime.Serialization;
using A3C.Actors.Training.Cluster;
using A3C.Actors.Training.Cluster.Serialization;
using A3C.Actors.Training.Messages;
using A3C.Actors.Training.Settings;
using A3C.Models.Algorithms;
using A3C.Models.Environments;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Serialization;

namespace A3C.Training.Tests.Cluster;

/// <summary>
/// The training messages through Akka's serialization as a remote send uses it: found by type,
/// written, read back field by field; and bad input (truncated, garbage, lying counts, trailing
/// bytes, misfit shapes) refused with a <see cref="SerializationException"/> naming the problem.
/// </summary>
public sealed class TrainingMessageSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly WorkerReport Report = new([new EpisodeStatistics(21.5, 22), new EpisodeStatistics(-3, 7)], 4096, 1);
    private static readonly A2CStatistics Statistics = new(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 64);

    public TrainingMessageSerializerTests()
        : base(BootstrapSetup.Create().And(TrainingMessageSerializer.Setup()), "a3c")
    {
    }

    private Serialization Serialization => Sys.Serialization;

    public static TheoryData<string> EveryMessage => [.. Samples().Keys];

    private static Dictionary<string, object> Samples() => new()
    {
        ["weights"] = new WeightSnapshot(42, [.. Enumerable.Range(0, 1000).Select(i => i * 0.25f)]),
        ["float experience"] = new ExperienceBatch<float>(
            new TransitionBatch<float>(2, 3, [1, 2, 3, 4, 5, 6], [0, 1], [0.5f, 1.5f], [7, 8, 9, 10, 11, 12], [0.99f, 0]), 7, Report),
        ["byte experience"] = new ExperienceBatch<byte>(new TransitionBatch<byte>(1, 4, [1, 2, 3, 255], [5], [2.5f], [9, 8, 7, 6], [0.9f]), 8, Report),
        ["gradients"] = new GradientPacket([0.5f, -1, float.Epsilon], 9, Statistics, Report),
        ["batch consumed"] = new BatchConsumed(),
        ["float inference"] = new InferenceRequest<float>([1, 2, 3, 4], 2, 11),
        ["byte inference"] = new InferenceRequest<byte>([1, 2, 3], 3, 12),
        ["inference reply"] = new InferenceReply([3, 1, 4], 13),
        ["describe run"] = new DescribeRun(),
        ["run description"] = new RunDescription("pong-1", "PixelPong-v0", TrainingMode.A3CGrad, InferenceMode.Central, 1_234_567),
        ["describe training"] = new DescribeTraining(),
        ["training contract"] = new TrainingContract("pong-1", "PixelPong-v0", 4, 4, true, 108_000, 512, TrainingMode.A2C, InferenceMode.Local,
            0.99, 4, 128, 32, 64) { TensorPort = 2553 },
    };

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_training_message_is_bound_to_the_training_serializer_and_reads_back_intact(string name)
    {
        var message = Samples()[name];
        var serializer = Serialization.FindSerializerFor(message);
        Assert.IsType<TrainingMessageSerializer>(serializer);

        var back = RoundTrip(message);

        Assert.Equal(message.GetType(), back.GetType());
        AssertSame(message, back);
    }

    [Fact]
    public void A_worker_registration_carries_a_ref_that_resolves_to_the_same_actor()
    {
        var registration = new RegisterWorker(TestActor, 3007);

        var back = (RegisterWorker)RoundTrip(registration);

        Assert.Equal(3007, back.Index);
        Assert.Equal(TestActor, back.Worker);
        back.Worker.Tell("reached");
        ExpectMsg("reached");
    }

    [Fact]
    public void A_remote_registration_and_its_proxy_carry_refs_that_resolve_to_the_same_actors()
    {
        var proxy = CreateTestProbe();

        var registration = (RegisterRemoteWorker)RoundTrip(new RegisterRemoteWorker(TestActor, 2001, 40123));
        var assigned = (WorkerProxyAssigned)RoundTrip(new WorkerProxyAssigned(TestActor, proxy.Ref));

        Assert.Equal((TestActor, 2001, 40123), (registration.Worker, registration.Index, registration.TensorPort));
        Assert.Equal((TestActor, proxy.Ref), (assigned.Worker, assigned.Proxy));
    }

    [Fact]
    public void A_registration_without_a_worker_is_refused()
    {
        var bytes = Serialize(new RegisterWorker(ActorRefs.NoSender!, 1));

        var error = Assert.Throws<SerializationException>(() => Deserialize(bytes, TrainingMessageSerializer.RegisterWorkerManifest));
        Assert.Contains("names no worker", error.Message);
    }

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_truncation_of_a_message_is_refused(string name)
    {
        var message = Samples()[name];
        var bytes = Serialize(message);
        var manifest = ManifestOf(message);
        for (var length = 0; length < bytes.Length; length++)
            Assert.Throws<SerializationException>(() => Deserialize(bytes[..length], manifest));
    }

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Trailing_bytes_after_a_message_are_refused(string name)
    {
        var message = Samples()[name];
        var manifest = ManifestOf(message);

        var error = Assert.Throws<SerializationException>(() => Deserialize([.. Serialize(message), 0], manifest));
        Assert.Contains("1 bytes follow its last field", error.Message);
    }

    [Fact]
    public void Garbage_under_every_manifest_is_refused_or_reads_as_a_well_formed_message()
    {
        // Seeded: the same garbage every run. Random bytes may by chance spell a valid small message
        // (a count of 0, say); what must never happen is another exception or a misfit message.
        var random = new Random(15);
        foreach (var manifest in Samples().Values.Select(ManifestOf).Append(TrainingMessageSerializer.RegisterWorkerManifest))
            for (var trial = 0; trial < 2000; trial++)
            {
                var garbage = new byte[random.Next(0, 96)];
                random.NextBytes(garbage);
                try
                {
                    var message = Deserialize(garbage, manifest);
                    if (message is ExperienceBatch<float> batch)
                        Assert.Equal(batch.Transitions.Count * batch.Transitions.ObservationSize, batch.Transitions.Observations.Length);
                }
                catch (SerializationException)
                {
                }
            }
    }

    [Fact]
    public void A_count_larger_than_the_bytes_left_is_refused_before_anything_is_allocated()
    {
        // A weight snapshot claiming int.MaxValue floats (8 GiB) in 12 bytes.
        var lying = new byte[12];
        BitConverter.TryWriteBytes(lying.AsSpan(8), int.MaxValue);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SerializationException>(() => Deserialize(lying, TrainingMessageSerializer.WeightSnapshotManifest));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the lying count was allocated");
        Assert.Contains("weights claims 2147483647 entries of 4 bytes with 0 bytes left", error.Message);
        Assert.Contains("WeightSnapshot", error.Message);
    }

    [Fact]
    public void An_experience_batch_whose_arrays_disagree_with_its_count_is_refused()
    {
        // Arrays for two transitions, then the count rewritten to three.
        var bytes = Serialize(Samples()["float experience"]);
        BitConverter.TryWriteBytes(bytes.AsSpan(0), 3);

        var error = Assert.Throws<SerializationException>(() => Deserialize(bytes, TrainingMessageSerializer.FloatExperienceManifest));
        Assert.Contains("do not match its 3 transitions of 3 values", error.Message);
    }

    [Fact]
    public void Only_the_batch_rows_of_a_longer_pooled_array_travel()
    {
        var pooled = new TransitionBatch<float>(1, 2, [1, 2, 99, 99], [4, 99], [0.5f, 99], [5, 6, 99, 99], [0.9f, 99]);

        var back = (ExperienceBatch<float>)RoundTrip(new ExperienceBatch<float>(pooled, 1, Report));

        Assert.Equal([1f, 2], back.Transitions.Observations);
        Assert.Equal([4], back.Transitions.Actions);
        Assert.Equal([5f, 6], back.Transitions.BootstrapObservations);
    }

    [Fact]
    public void An_undefined_mode_in_a_run_description_is_refused_by_name()
    {
        var bytes = Serialize(new RunDescription("r", "CartPole-v1", TrainingMode.A2C, InferenceMode.Local, 10));
        // Mode follows the two strings: 4 + 1 + 4 + 11 bytes.
        BitConverter.TryWriteBytes(bytes.AsSpan(20), 77);

        var error = Assert.Throws<SerializationException>(() => Deserialize(bytes, TrainingMessageSerializer.RunDescriptionManifest));
        Assert.Contains("mode is 77, not a TrainingMode", error.Message);
    }

    [Fact]
    public void An_inference_request_whose_observations_do_not_split_into_its_count_is_refused()
    {
        var bytes = Serialize(new InferenceRequest<float>([1, 2, 3], 3, 1));
        BitConverter.TryWriteBytes(bytes.AsSpan(4 + 12), 2);

        var error = Assert.Throws<SerializationException>(() => Deserialize(bytes, TrainingMessageSerializer.FloatInferenceRequestManifest));
        Assert.Contains("3 observation values do not split into 2 observations", error.Message);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_saying_the_sender_runs_another_version()
    {
        var error = Assert.Throws<SerializationException>(() => Deserialize([], "ZZ"));
        Assert.Contains("another version of a3c", error.Message);
    }

    [Fact]
    public void A_message_that_is_not_a_training_message_is_refused_when_written()
    {
        var serializer = new TrainingMessageSerializer((ExtendedActorSystem)Sys);
        var error = Assert.Throws<ArgumentException>(() => serializer.ToBinary("hello"));
        Assert.Contains("System.String is not a training message", error.Message);
    }

    private byte[] Serialize(object message) => Serialization.FindSerializerFor(message).ToBinary(message);

    private string ManifestOf(object message) => Akka.Serialization.Serialization.ManifestFor(Serialization.FindSerializerFor(message), message);

    private object Deserialize(byte[] bytes, string manifest) => Serialization.Deserialize(bytes, TrainingMessageSerializer.Id, manifest);

    private object RoundTrip(object message) => Deserialize(Serialize(message), ManifestOf(message));

    private static void AssertSame(object expected, object actual)
    {
        switch (expected, actual)
        {
            case (WeightSnapshot e, WeightSnapshot a):
                Assert.Equal(e.Version, a.Version);
                Assert.Equal(e.Weights, a.Weights);
                break;
            case (ExperienceBatch<float> e, ExperienceBatch<float> a):
                AssertSameBatch(e.Transitions, a.Transitions);
                Assert.Equal(e.WeightVersion, a.WeightVersion);
                AssertSameReport(e.Report, a.Report);
                break;
            case (ExperienceBatch<byte> e, ExperienceBatch<byte> a):
                AssertSameBatch(e.Transitions, a.Transitions);
                Assert.Equal(e.WeightVersion, a.WeightVersion);
                AssertSameReport(e.Report, a.Report);
                break;
            case (GradientPacket e, GradientPacket a):
                Assert.Equal(e.Gradients, a.Gradients);
                Assert.Equal(e.WeightVersion, a.WeightVersion);
                Assert.Equal(e.Statistics, a.Statistics);
                AssertSameReport(e.Report, a.Report);
                break;
            case (InferenceRequest<float> e, InferenceRequest<float> a):
                Assert.Equal(e.Observations, a.Observations);
                Assert.Equal((e.Count, e.MinimumVersion), (a.Count, a.MinimumVersion));
                break;
            case (InferenceRequest<byte> e, InferenceRequest<byte> a):
                Assert.Equal(e.Observations, a.Observations);
                Assert.Equal((e.Count, e.MinimumVersion), (a.Count, a.MinimumVersion));
                break;
            case (InferenceReply e, InferenceReply a):
                Assert.Equal(e.Actions, a.Actions);
                Assert.Equal(e.Version, a.Version);
                break;
            default:
                // Records without arrays compare by value.
                Assert.Equal(expected, actual);
                break;
        }
    }

    private static void AssertSameBatch<TObs>(TransitionBatch<TObs> e, TransitionBatch<TObs> a) where TObs : unmanaged
    {
        Assert.Equal((e.Count, e.ObservationSize), (a.Count, a.ObservationSize));
        Assert.Equal(e.Observations, a.Observations);
        Assert.Equal(e.Actions, a.Actions);
        Assert.Equal(e.Returns, a.Returns);
        Assert.Equal(e.BootstrapObservations, a.BootstrapObservations);
        Assert.Equal(e.BootstrapDiscounts, a.BootstrapDiscounts);
    }

    private static void AssertSameReport(WorkerReport e, WorkerReport a)
    {
        Assert.Equal(e.Episodes, a.Episodes);
        Assert.Equal((e.Frames, e.EnvironmentRestarts), (a.Frames, a.EnvironmentRestarts));
    }
}
