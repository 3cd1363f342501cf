using A3C.Models.Environments;
using A3C.Models.Environments.Pong;

namespace A3C.Models.Tests.Environments;

public class PixelPongTests
{
    private const int Size = PixelPong.Size;

    private static (PixelPong Pong, byte[] Frame) Started(ulong seed = 1)
    {
        var pong = new PixelPong();
        var frame = new byte[Size * Size];
        pong.Reset(frame, seed);
        return (pong, frame);
    }

    // A ball one frame from the right edge with the player's paddle far away: the player misses.
    private static PongState AboutToPassPlayer(PongState s) => s with
    {
        AgentPaddleY = 2, BallX = 83.5, BallY = 70, BallVelocityX = 1, BallVelocityY = 0, ServeDelay = 0,
    };

    [Fact]
    public void Observation_space_is_84_by_84_uint8_and_actions_are_the_six_atari_pong_actions()
    {
        var pong = new PixelPong();
        Assert.Equal("Box(0.0, 255.0, (84, 84), uint8)", pong.ObservationSpace.ToString());
        Assert.Equal("Discrete(6)", pong.ActionSpace.ToString());
        Assert.Equal(["Noop", "Fire", "Right", "Left", "RightFire", "LeftFire"], Enum.GetNames<PongAction>());
    }

    [Fact]
    public void Player_missing_the_ball_costs_a_point_and_the_ball_is_served_again_after_the_delay()
    {
        var (pong, frame) = Started();
        pong.State = AboutToPassPlayer(pong.State);
        var result = pong.Step((int)PongAction.Noop, frame);
        Assert.Equal(-1.0, result.Reward);
        Assert.False(result.Terminated);
        Assert.Equal(1, pong.State.OpponentScore);
        Assert.Equal(PixelPong.ServeDelayFrames, pong.State.ServeDelay);
        for (var i = 0; i < PixelPong.ServeDelayFrames; i++)
            Assert.Equal(0.0, pong.Step(0, frame).Reward);
        Assert.Equal(0, pong.State.ServeDelay);
        Assert.Equal((Size - PixelPong.BallSize) / 2.0, pong.State.BallX);
        Assert.Equal(1.0, Math.Abs(pong.State.BallVelocityX));
    }

    [Fact]
    public void Opponent_missing_the_ball_scores_for_the_player()
    {
        var (pong, frame) = Started();
        // The ball's right edge leaves the field this frame, far below the opponent's paddle.
        pong.State = pong.State with { OpponentPaddleY = 2, BallX = -1, BallY = 70, BallVelocityX = -1, BallVelocityY = 0, ServeDelay = 0 };
        var result = pong.Step(0, frame);
        Assert.Equal(1.0, result.Reward);
        Assert.Equal(1, pong.State.AgentScore);
    }

    [Fact]
    public void Episode_terminates_when_a_side_reaches_21()
    {
        var (pong, frame) = Started();
        pong.State = AboutToPassPlayer(pong.State) with { OpponentScore = 20, AgentScore = 5 };
        var result = pong.Step(0, frame);
        Assert.True(result.Terminated);
        Assert.False(result.Truncated);
        Assert.Equal(21, pong.State.OpponentScore);

        pong.State = pong.State with { OpponentPaddleY = 2, AgentScore = 20, OpponentScore = 3, BallX = -1, BallY = 70, BallVelocityX = -1, BallVelocityY = 0, ServeDelay = 0 };
        var win = pong.Step(0, frame);
        Assert.Equal(1.0, win.Reward);
        Assert.True(win.Terminated);
    }

    [Fact]
    public void Paddle_returns_the_ball_with_an_angle_set_by_where_it_hits()
    {
        var (pong, frame) = Started();
        // Ball centre 71 below the paddle centre 66.5, over a half-reach of (8 + 2) / 2: offset 0.9 of the steepest return.
        pong.State = pong.State with { AgentPaddleY = 62.5, BallX = 71.5, BallY = 70, BallVelocityX = 1, BallVelocityY = 0, ServeDelay = 0 };
        var result = pong.Step(0, frame);
        Assert.Equal(0.0, result.Reward);
        Assert.Equal(-1.0, pong.State.BallVelocityX);
        Assert.Equal(PixelPong.AgentPaddleX - PixelPong.BallSize, pong.State.BallX);
        Assert.Equal(0.9 * 1.5, pong.State.BallVelocityY, 12);
    }

    [Fact]
    public void Right_moves_the_player_up_and_left_moves_it_down_within_the_walls()
    {
        var (pong, frame) = Started();
        var start = pong.State.AgentPaddleY;
        pong.Step((int)PongAction.Right, frame);
        Assert.Equal(start - PixelPong.AgentPaddleSpeed, pong.State.AgentPaddleY);
        pong.Step((int)PongAction.LeftFire, frame);
        pong.Step((int)PongAction.LeftFire, frame);
        Assert.Equal(start + PixelPong.AgentPaddleSpeed, pong.State.AgentPaddleY);
        for (var i = 0; i < 100; i++)
            pong.Step((int)PongAction.RightFire, frame);
        Assert.Equal(PixelPong.FieldTop, pong.State.AgentPaddleY);
    }

    [Fact]
    public void Frame_shows_walls_background_paddles_and_ball_where_the_state_puts_them()
    {
        var (pong, frame) = Started();
        pong.State = pong.State with { AgentPaddleY = 30, OpponentPaddleY = 50, BallX = 40, BallY = 20, ServeDelay = 0 };
        pong.Observe(frame);
        Assert.Equal(PixelPong.WallLevel, frame[0]);
        Assert.Equal(PixelPong.WallLevel, frame[83 * Size + 83]);
        Assert.Equal(PixelPong.BackgroundLevel, frame[10 * Size + 10]);
        Assert.Equal(PixelPong.AgentPaddleLevel, frame[30 * Size + PixelPong.AgentPaddleX]);
        Assert.Equal(PixelPong.AgentPaddleLevel, frame[37 * Size + PixelPong.AgentPaddleX + 1]);
        Assert.Equal(PixelPong.BackgroundLevel, frame[38 * Size + PixelPong.AgentPaddleX]);
        Assert.Equal(PixelPong.OpponentPaddleLevel, frame[50 * Size + PixelPong.OpponentPaddleX]);
        Assert.Equal(PixelPong.BallLevel, frame[21 * Size + 41]);
        Assert.Equal(PixelPong.BackgroundLevel, frame[22 * Size + 41]);
        var ballPixels = frame.Count(v => v == PixelPong.BallLevel) - 4 * Size;
        Assert.Equal(PixelPong.BallSize * PixelPong.BallSize, ballPixels);
    }

    [Fact]
    public void Same_seed_replays_the_same_game()
    {
        static byte[] Play(ulong seed)
        {
            var env = EnvironmentRegistry.Standard.Make<byte>("PixelPong-v0");
            var frame = new byte[env.ObservationSpace.Size];
            var actions = new Xoshiro256(3);
            env.Reset(frame, seed);
            for (var i = 0; i < 300; i++)
                env.Step(actions.NextInt(6), frame);
            return frame;
        }

        Assert.Equal(Play(11), Play(11));
        Assert.NotEqual(Play(11), Play(12));
    }

    [Fact]
    public void Uniformly_random_policy_loses_almost_every_point()
    {
        var env = EnvironmentRegistry.Standard.Make<byte>("PixelPong-v0");
        Assert.Equal("Box(0.0, 255.0, (4, 84, 84), uint8)", env.ObservationSpace.ToString());
        var frame = new byte[env.ObservationSpace.Size];
        var policy = new Xoshiro256(2024);
        var returns = new List<double>();
        env.Reset(frame, 42);
        while (returns.Count < 4)
        {
            var result = env.Step(policy.NextInt(6), frame);
            if (result.Done)
            {
                Assert.True(result.Terminated);
                Assert.NotNull(result.Episode);
                returns.Add(result.Episode.Value.Return);
                env.Reset(frame);
            }
        }
        Assert.All(returns, r => Assert.InRange(r, -21, -15));
        Assert.True(returns.Average() <= -18, $"mean return {returns.Average()} over {string.Join(", ", returns)}");
    }
}
