#!/usr/bin/env bash
# CartPole-v1 across processes on loopback: a learner node and N worker nodes (default 2), each a
# separate `a3c node` process, trained to mean-100 >= 475. Prints wall time and frames per second
# per mode, against the same recipe in one process (`a3c train`).
#   bench/Cluster/run.sh [workers]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh Release Host/Host.csproj >&2
a3c=(dotnet Host/bin/Release/net10.0/a3c.dll)
workers=${1:-2}
runs=$(mktemp -d)
trap 'rm -rf "$runs"; kill $(jobs -p) 2>/dev/null || true' EXIT

finished() { # log file -> "seconds frames"
  sed -nE 's/^finished: .* after ([0-9,]+) frames.* in ([0-9.]+) s;.*/\2 \1/p' "$1" | tr -d ,
}

report() { # label, "seconds frames"
  awk -v l="$1" -v s="${2% *}" -v f="${2#* }" 'BEGIN { printf "%-44s %6.1f s %9d frames %8.0f fps\n", l, s, f, f / s }'
}

common=(--set "persistence.directory=\"$runs\"" --set monitoring.enabled=false --set training.progress-interval=600s)
for mode in a2c a3c-data a3c-grad; do
  config=hocon/cartpole-$mode.conf
  port=$((25600 + RANDOM % 1000))
  "${a3c[@]}" node --role learner --config "$config" --port "$port" --set remote.tensor-port=0 "${common[@]}" >"$runs/learner.log" 2>&1 &
  learner=$!
  for i in $(seq "$workers"); do
    "${a3c[@]}" node --role worker --seed "127.0.0.1:$port" --config "$config" --set monitoring.enabled=false >/dev/null 2>&1 &
  done
  wait "$learner"
  kill $(jobs -p) 2>/dev/null || true
  wait 2>/dev/null || true
  report "cluster $mode (learner + $workers worker nodes)" "$(finished "$runs/learner.log")"
  "${a3c[@]}" train --config "$config" "${common[@]}" >"$runs/train.log" 2>&1
  report "one process $mode" "$(finished "$runs/train.log")"
done
