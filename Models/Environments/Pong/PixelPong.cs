using A3C.Models.Environments.Rendering;

namespace A3C.Models.Environments.Pong;

/// <summary>
/// A small Pong of our own, in the spirit of Atari 2600 Pong but <b>not</b> the Atari game (no emulator, no ROM):
/// the player's paddle is on the right, a computer opponent on the left tracks the ball at a limited speed, so
/// steep shots off a paddle's edge get past it. +1 or -1 per point; the episode terminates when one side has 21.
/// Frames are drawn directly as 84x84 single-channel uint8 images (the size the Atari preprocessing produces),
/// with plain rectangle fills, so the DQN/A3C pipeline (skip 4, max-pool, stack 4) and CNN apply unchanged.
/// Actions follow Atari Pong's six-action set (<see cref="PongAction"/>). Scores are not drawn.
/// </summary>
public sealed class PixelPong : IEnvironment<byte>
{
    public const int Size = 84;
    public const int WallThickness = 2;
    public const int FieldTop = WallThickness;
    public const int FieldBottom = Size - WallThickness;
    public const int PaddleWidth = 2;
    public const int PaddleHeight = 8;
    public const int BallSize = 2;
    public const int OpponentPaddleX = 8;
    public const int AgentPaddleX = Size - 8 - PaddleWidth;
    public const int WinningScore = 21;

    /// <summary>Pixels per frame the player's paddle moves.</summary>
    public const double AgentPaddleSpeed = 2.0;

    /// <summary>Pixels per frame the opponent can move: below the fastest ball, so it can be beaten.</summary>
    public const double OpponentPaddleSpeed = 1.25;

    /// <summary>Horizontal ball speed in pixels per frame.</summary>
    public const double BallSpeedX = 1.0;

    /// <summary>Vertical ball speed after a hit at a paddle's very edge; a centre hit sends it flat.</summary>
    public const double MaxBallSpeedY = 1.5;

    /// <summary>Frames the ball stays off the field after a point (and at the start) before it is served.</summary>
    public const int ServeDelayFrames = 16;

    public const byte BackgroundLevel = 87;
    public const byte WallLevel = 236;
    public const byte BallLevel = 236;
    public const byte AgentPaddleLevel = 147;
    public const byte OpponentPaddleLevel = 148;

    private Xoshiro256? random;
    private PongState state;

    // Stepping before the first reset would play from an empty state with no generator to serve the ball.
    private bool hasBeenReset;

    public PixelPong()
    {
        ObservationSpace = BoxSpace.Uniform(0, 255, [Size, Size], ElementType.UInt8);
        ActionSpace = new DiscreteSpace(6);
    }

    public string Id => "PixelPong-v0";

    public BoxSpace ObservationSpace { get; }

    public Space ActionSpace { get; }

    /// <summary>The current game state; settable so tests can stage a situation in a started episode.</summary>
    public PongState State
    {
        get => state;
        set => state = value;
    }

    public void Reset(Span<byte> observation, ulong? seed = null)
    {
        CheckBuffer(observation);
        if (seed is { } value)
            random = new Xoshiro256(value);
        random ??= Xoshiro256.FromEntropy();
        var centre = (FieldTop + FieldBottom - PaddleHeight) / 2.0;
        state = new PongState(centre, centre, 0, 0, 0, 0, ServeDelayFrames, 0, 0);
        hasBeenReset = true;
        Draw(observation);
    }

    public StepResult Step(int action, Span<byte> observation)
    {
        if (!hasBeenReset)
            throw EnvironmentErrors.StepBeforeReset(Id);
        if ((uint)action >= 6)
            throw EnvironmentErrors.OutOfSpace(Id, action, ActionSpace);
        CheckBuffer(observation);
        var reward = Advance((PongAction)action);
        Draw(observation);
        var terminated = state.AgentScore >= WinningScore || state.OpponentScore >= WinningScore;
        return new StepResult(reward, terminated, false);
    }

    public StepResult Step(ReadOnlySpan<float> action, Span<byte> observation)
    {
        if (!hasBeenReset)
            throw EnvironmentErrors.StepBeforeReset(Id);
        throw EnvironmentErrors.VectorGivenToDiscrete(Id, action, ActionSpace);
    }

    /// <summary>Writes the frame of the current state, e.g. after setting <see cref="State"/>.</summary>
    public void Observe(Span<byte> observation)
    {
        CheckBuffer(observation);
        Draw(observation);
    }

    /// <summary>The frame in Atari Pong's colours, scaled up twice.</summary>
    public RgbFrame Render()
    {
        const int scale = 2;
        var frame = new RgbFrame(Size * scale, Size * scale);
        frame.Clear(new Rgb(144, 72, 17));
        frame.FillRectangle(0, 0, Size * scale, FieldTop * scale, Rgb.Gray(236));
        frame.FillRectangle(0, FieldBottom * scale, Size * scale, WallThickness * scale, Rgb.Gray(236));
        frame.FillRectangle(OpponentPaddleX * scale, Pixel(state.OpponentPaddleY) * scale, PaddleWidth * scale, PaddleHeight * scale, new Rgb(213, 130, 74));
        frame.FillRectangle(AgentPaddleX * scale, Pixel(state.AgentPaddleY) * scale, PaddleWidth * scale, PaddleHeight * scale, new Rgb(92, 186, 92));
        if (state.ServeDelay == 0)
            frame.FillRectangle(Pixel(state.BallX) * scale, Pixel(state.BallY) * scale, BallSize * scale, BallSize * scale, Rgb.Gray(236));
        return frame;
    }

    /// <summary>Advances one frame and returns the reward: +1 when the opponent misses, -1 when the player does.</summary>
    private double Advance(PongAction action)
    {
        var s = state;
        var agentY = s.AgentPaddleY + action switch
        {
            PongAction.Right or PongAction.RightFire => -AgentPaddleSpeed,
            PongAction.Left or PongAction.LeftFire => AgentPaddleSpeed,
            _ => 0.0,
        };
        agentY = ClampPaddle(agentY);
        var opponentY = ClampPaddle(s.OpponentPaddleY + OpponentMove(s));

        if (s.ServeDelay > 0)
        {
            state = s with { AgentPaddleY = agentY, OpponentPaddleY = opponentY, ServeDelay = s.ServeDelay - 1 };
            if (state.ServeDelay == 0)
                Serve();
            return 0.0;
        }

        var x = s.BallX + s.BallVelocityX;
        var y = s.BallY + s.BallVelocityY;
        var vx = s.BallVelocityX;
        var vy = s.BallVelocityY;

        // Walls reflect the ball back into the field.
        if (y < FieldTop)
        {
            y = 2 * FieldTop - y;
            vy = -vy;
        }
        else if (y + BallSize > FieldBottom)
        {
            y = 2 * (FieldBottom - BallSize) - y;
            vy = -vy;
        }

        // A paddle returns the ball when the ball's front edge reaches its face this frame and they overlap vertically.
        if (vx > 0 && s.BallX + BallSize <= AgentPaddleX && x + BallSize >= AgentPaddleX && Overlaps(y, agentY))
        {
            x = AgentPaddleX - BallSize;
            vx = -vx;
            vy = Deflection(y, agentY);
        }
        else if (vx < 0 && s.BallX >= OpponentPaddleX + PaddleWidth && x <= OpponentPaddleX + PaddleWidth && Overlaps(y, opponentY))
        {
            x = OpponentPaddleX + PaddleWidth;
            vx = -vx;
            vy = Deflection(y, opponentY);
        }

        state = s with { AgentPaddleY = agentY, OpponentPaddleY = opponentY, BallX = x, BallY = y, BallVelocityX = vx, BallVelocityY = vy };
        if (x >= Size)
        {
            state = state with { OpponentScore = s.OpponentScore + 1, ServeDelay = ServeDelayFrames };
            return -1.0;
        }
        if (x + BallSize <= 0)
        {
            state = state with { AgentScore = s.AgentScore + 1, ServeDelay = ServeDelayFrames };
            return 1.0;
        }
        return 0.0;
    }

    // The opponent follows the ball while it approaches and drifts back to the centre otherwise.
    private static double OpponentMove(PongState s)
    {
        var target = s.ServeDelay == 0 && s.BallVelocityX < 0
            ? s.BallY + BallSize / 2.0 - PaddleHeight / 2.0
            : (FieldTop + FieldBottom - PaddleHeight) / 2.0;
        return Math.Clamp(target - s.OpponentPaddleY, -OpponentPaddleSpeed, OpponentPaddleSpeed);
    }

    // The ball leaves from the centre line at a random height, towards a random side, at a random shallow angle.
    private void Serve()
    {
        var rng = random!;
        var y = rng.Uniform(FieldTop + 10, FieldBottom - 10 - BallSize);
        var vx = rng.NextInt(2) == 0 ? -BallSpeedX : BallSpeedX;
        var vy = rng.Uniform(-0.5, 0.5) * MaxBallSpeedY;
        state = state with { BallX = (Size - BallSize) / 2.0, BallY = y, BallVelocityX = vx, BallVelocityY = vy };
    }

    private static bool Overlaps(double ballY, double paddleY) => ballY + BallSize > paddleY && ballY < paddleY + PaddleHeight;

    // Where the ball meets the paddle sets the return angle: -1 at the top edge, +1 at the bottom edge.
    private static double Deflection(double ballY, double paddleY)
    {
        var offset = (ballY + BallSize / 2.0 - (paddleY + PaddleHeight / 2.0)) / ((PaddleHeight + BallSize) / 2.0);
        return Math.Clamp(offset, -1.0, 1.0) * MaxBallSpeedY;
    }

    private static double ClampPaddle(double y) => Math.Clamp(y, FieldTop, FieldBottom - PaddleHeight);

    private static int Pixel(double coordinate) => (int)Math.Floor(coordinate);

    private void Draw(Span<byte> frame)
    {
        frame[..(FieldTop * Size)].Fill(WallLevel);
        frame[(FieldTop * Size)..(FieldBottom * Size)].Fill(BackgroundLevel);
        frame[(FieldBottom * Size)..].Fill(WallLevel);
        FillRectangle(frame, OpponentPaddleX, Pixel(state.OpponentPaddleY), PaddleWidth, PaddleHeight, OpponentPaddleLevel);
        FillRectangle(frame, AgentPaddleX, Pixel(state.AgentPaddleY), PaddleWidth, PaddleHeight, AgentPaddleLevel);
        if (state.ServeDelay == 0)
            FillRectangle(frame, Pixel(state.BallX), Pixel(state.BallY), BallSize, BallSize, BallLevel);
    }

    private static void FillRectangle(Span<byte> frame, int x, int y, int width, int height, byte level)
    {
        var x0 = Math.Max(x, 0);
        var x1 = Math.Min(x + width, Size);
        if (x1 <= x0)
            return;
        var y0 = Math.Max(y, 0);
        var y1 = Math.Min(y + height, Size);
        for (var row = y0; row < y1; row++)
            frame.Slice(row * Size + x0, x1 - x0).Fill(level);
    }

    private void CheckBuffer(Span<byte> observation)
    {
        if (observation.Length != ObservationSpace.Size)
            throw EnvironmentErrors.WrongObservationBuffer(Id, observation.Length, ObservationSpace);
    }
}
