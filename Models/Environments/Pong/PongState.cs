namespace A3C.Models.Environments.Pong;

/// <summary>
/// Everything that determines a <see cref="PixelPong"/> game: paddle tops, the ball's top-left corner and
/// velocity in pixels per frame, the frames left before the next serve, and the scores.
/// </summary>
public readonly record struct PongState(
    double AgentPaddleY,
    double OpponentPaddleY,
    double BallX,
    double BallY,
    double BallVelocityX,
    double BallVelocityY,
    int ServeDelay,
    int AgentScore,
    int OpponentScore);
