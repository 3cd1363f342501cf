using A3C.Bench.Algorithms;
using A3C.Models.Networks;

// Trains one algorithm in a plain single-threaded loop over a VectorEnv and reports how many
// frames (or steps) it took to reach the bar. Usage: ppo | td3 | sac [seed].
var which = args.Length > 0 ? args[0] : "ppo";
var seed = args.Length > 1 ? int.Parse(args[1]) : 1;
TorchRuntime.EnsureLoaded();
TorchRuntime.IntraOpThreads = 1;
return which switch
{
    "ppo" => PpoCartPole.Run(seed, maxFrames: 150_000, bar: 475),
    "td3" or "sac" => OffPolicyPendulum.Run(which, seed, maxSteps: 30_000, bar: -200),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ppo | td3 | sac [seed]");
    return 2;
}
