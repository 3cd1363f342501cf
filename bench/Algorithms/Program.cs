using A3C.Bench.Algorithms;
using A3C.Models.Networks;

// Trains one algorithm in a plain single-threaded loop over a VectorEnv and reports how many
// frames (or steps) it took to reach the bar. Usage: ppo | ppo-zoo | td3 | sac [seed].
var which = args.Length > 0 ? args[0] : "ppo";
var seed = args.Length > 1 ? int.Parse(args[1]) : 1;
TorchRuntime.EnsureLoaded();
TorchRuntime.IntraOpThreads = 1;
return which switch
{
    "ppo" => PpoCartPole.Run(seed, maxFrames: 150_000, bar: 475),
    // RL Baselines3 Zoo's tuned CartPole-v1 settings: 8 copies of 32 steps, 20 epochs of one minibatch,
    // learning rate 1e-3 annealed, γ 0.98, λ 0.8, no entropy bonus.
    "ppo-zoo" => PpoCartPole.Run(seed, 150_000, 475, envs: 8, steps: 32, new()
    {
        LearningRate = 1e-3, Gamma = 0.98, Lambda = 0.8, Epochs = 20, Minibatches = 1, EntropyCoefficient = 0.0,
    }),
    "td3" or "sac" => OffPolicyPendulum.Run(which, seed, maxSteps: 30_000, bar: -200),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ppo | ppo-zoo | td3 | sac [seed]");
    return 2;
}
