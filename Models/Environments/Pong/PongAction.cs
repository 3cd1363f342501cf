namespace A3C.Models.Environments.Pong;

/// <summary>
/// The six actions of Atari Pong's minimal action set, in its order. As in the Atari game, RIGHT moves the
/// player's paddle up and LEFT moves it down; FIRE does nothing here (the ball serves itself).
/// </summary>
public enum PongAction
{
    Noop = 0,
    Fire = 1,
    Right = 2,
    Left = 3,
    RightFire = 4,
    LeftFire = 5,
}
