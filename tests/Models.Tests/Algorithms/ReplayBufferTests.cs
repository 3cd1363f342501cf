using A3C.Models.Algorithms;

namespace A3C.Models.Tests.Algorithms;

public sealed class ReplayBufferTests
{
    private static void AddNumbered(ReplayBuffer buffer, int k) =>
        buffer.Add([k, -k], [k * 10f], reward: k, nextObservation: [k + 0.5f, 0], terminated: k % 2 == 0);

    [Fact]
    public void A_full_ring_overwrites_its_oldest_transitions()
    {
        var buffer = new ReplayBuffer(capacity: 3, observationSize: 2, actionSize: 1, seed: 1);
        for (var k = 0; k < 5; k++) AddNumbered(buffer, k);
        Assert.Equal(3, buffer.Count);

        // Slots now hold transitions 3, 4, 2; a large sample visits each and keeps its fields together.
        var batch = buffer.Sample(300);
        var seen = new HashSet<int>();
        for (var row = 0; row < batch.Count; row++)
        {
            var k = (int)batch.Rewards[row];
            seen.Add(k);
            Assert.Equal([k, -k], batch.Observations.AsSpan(row * 2, 2).ToArray());
            Assert.Equal([k + 0.5f, 0], batch.NextObservations.AsSpan(row * 2, 2).ToArray());
            Assert.Equal(k * 10f, batch.Actions[row]);
            Assert.Equal(k % 2 == 0 ? 1f : 0f, batch.Terminated[row]);
            Assert.Equal(k switch { 3 => 0, 4 => 1, 2 => 2, _ => -1 }, batch.Indices[row]);
        }
        Assert.Equal([2, 3, 4], seen.Order());
    }

    [Fact]
    public void The_same_seed_draws_the_same_transitions_and_another_seed_others()
    {
        ReplayBuffer Make(int seed)
        {
            var b = new ReplayBuffer(100, 2, 1, seed);
            for (var k = 0; k < 100; k++) AddNumbered(b, k);
            return b;
        }
        var a = Make(7).Sample(32).Indices;
        var b = Make(7).Sample(32).Indices;
        var c = Make(8).Sample(32).Indices;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_vector_step_stores_the_final_observation_where_an_episode_ended_and_only_termination_as_terminal()
    {
        var buffer = new ReplayBuffer(capacity: 3, observationSize: 1, actionSize: 0, seed: 3);
        // Three copies: running, terminated, truncated. Next observations are already reset for 1 and 2.
        buffer.AddVector(observations: [0, 1, 2], actions: [5, 6, 7], rewards: [0, 1, 2], terminated: [false, true, false],
            truncated: [false, false, true], nextObservations: [10, 100, 200], finalObservations: [-1, 11, 12]);
        var batch = buffer.Sample(60);
        for (var row = 0; row < batch.Count; row++)
        {
            var k = (int)batch.Rewards[row];
            Assert.Equal(k, batch.Observations[row]);
            Assert.Equal(k + 5, batch.DiscreteActions[row]);
            Assert.Equal(k == 0 ? 10 : 10 + k, batch.NextObservations[row]);
            Assert.Equal(k == 1 ? 1f : 0f, batch.Terminated[row]);
        }
    }
}
