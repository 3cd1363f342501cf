#!/usr/bin/env bash
# Where a CartPole A2C run's CPU goes, from perf samples of the whole process: Akka's messaging
# (mailboxes, dispatch, envelopes), thread-pool wake-ups, our models, libtorch, the JIT and the rest.
#   bench/Actors/messaging-share.sh [FRAMES]      (needs perf; run from the repository root)
set -euo pipefail
frames="${1:-4000000}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$(mktemp -d)/perf.data"
scripts/a3c --version >/dev/null # builds when a source changed
# W^X double mapping hides JIT-compiled code from perf; the perf map names it.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -q -F 1999 -g -o "$data" -- \
  dotnet "$root/Host/bin/Release/net10.0/a3c.dll" train --config "$root/hocon/cartpole-a2c.conf" \
  --set monitoring.enabled=false --set monitoring.scalars-directory=null \
  --set training.max-frames="$frames" --set training.reward-bound=null --set training.seed=2 | grep finished
perf report -i "$data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | python3 "$root/bench/Actors/messaging_share.py"
