"""The peer for bench/Torch: the same steps through Python's torch (Debian's python3-torch).
Prints its torch version, then one line per case: name, microseconds per step."""
import sys
import time

import torch


def timed(step, iterations, repeats=5):
    for _ in range(max(10, iterations // 10)):
        step()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(iterations):
            step()
        samples.append((time.perf_counter() - start) / iterations * 1e6)
    return sorted(samples)[len(samples) // 2]


def case(name, net, batch_shape, target_shape, iterations):
    x = torch.randn(*batch_shape)
    target = torch.randn(*target_shape)
    params = list(net.parameters())

    def step():
        for p in params:
            p.grad = None
        loss = torch.nn.functional.mse_loss(net(x), target)
        loss.backward()

    print(f"{name} {timed(step, iterations):.2f}", flush=True)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    print(f"torch {torch.__version__}", flush=True)
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    mlp = torch.nn.Sequential(torch.nn.Linear(4, 64), torch.nn.Tanh(), torch.nn.Linear(64, 64), torch.nn.Tanh(),
                              torch.nn.Linear(64, 2))
    case("mlp", mlp, (8, 4), (8, 2), 20000)
    cnn = torch.nn.Sequential(
        torch.nn.Conv2d(4, 32, 8, stride=4), torch.nn.ReLU(), torch.nn.Conv2d(32, 64, 4, stride=2), torch.nn.ReLU(),
        torch.nn.Conv2d(64, 64, 3, stride=1), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(3136, 512),
        torch.nn.ReLU(), torch.nn.Linear(512, 6))
    case("cnn", cnn, (32, 4, 84, 84), (32, 6), 30)


if __name__ == "__main__":
    main()
