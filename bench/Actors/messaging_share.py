"""Sums `perf report --sort dso,sym` lines (on stdin) into the categories a reader asks about."""
import re
import sys

CATEGORIES = [
    ("Akka messaging", lambda dso, sym: "[Akka]" in sym or "Akka." in sym or "Envelope" in sym),
    ("thread pool, wake-ups", lambda dso, sym: any(k in sym for k in
        ("ThreadPool", "WorkStealingQueue", "LowLevelLifoSemaphore", "sched_yield", "futex"))),
    ("models: environments, networks, gradients", lambda dso, sym: "A3C.Models" in sym),
    ("libm (exp, log)", lambda dso, sym: dso.startswith("libm")),
    ("libtorch", lambda dso, sym: "torch" in dso.lower() or "c10" in dso or "TorchSharp" in sym),
    ("JIT", lambda dso, sym: dso.startswith("libclrjit")),
    ("runtime: GC, type loading, stubs", lambda dso, sym: dso.startswith("libcoreclr")),
    ("kernel", lambda dso, sym: dso.startswith("[kernel")),
]

totals = {name: 0.0 for name, _ in CATEGORIES}
totals["other"] = 0.0
for line in sys.stdin:
    match = re.match(r"\s+([0-9.]+)%\s+(\S.*?)\s{2,}\[.\]\s+(.*)", line)
    if not match:
        continue
    share, dso, sym = float(match.group(1)), match.group(2).strip(), match.group(3)
    name = next((n for n, test in CATEGORIES if test(dso, sym)), "other")
    totals[name] += share

whole = sum(totals.values())
without_jit = whole - totals["JIT"]
print(f"{'category':45} {'of all samples':>15} {'of all but JIT':>15}")
for name, share in sorted(totals.items(), key=lambda item: -item[1]):
    rest = "" if name == "JIT" else f"{100 * share / without_jit:14.1f}%"
    print(f"{name:45} {100 * share / whole:14.1f}% {rest:>15}")
