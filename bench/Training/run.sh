#!/usr/bin/env bash
# Wall time and frames per second to CartPole-v1 mean-100 >= 475 for each mode, median of three
# seeds, with peak resident memory; then Pong frames per second for each mode over a short budget.
#   bench/Training/run.sh [seeds...]      (default seeds: 1 2 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh Release Host/Host.csproj >&2
a3c=(dotnet Host/bin/Release/net10.0/a3c.dll)
seeds=("${@:-1 2 3}")
[ $# -gt 0 ] || seeds=(1 2 3)

run() { # label, args... -> prints "label seconds frames fps rss_mb"
  local label=$1; shift
  local out err
  out=$(mktemp); err=$(mktemp)
  /usr/bin/time -f "%M" "${a3c[@]}" train "$@" --set training.progress-interval=600s >"$out" 2>"$err" || true
  local line; line=$(grep '^finished:' "$out" || echo "finished: failed")
  local frames seconds rss
  frames=$(sed -nE 's/.* after ([0-9,]+) frames.*/\1/p' <<<"$line" | tr -d ,)
  seconds=$(sed -nE 's/.* in ([0-9.]+) s;.*/\1/p' <<<"$line")
  rss=$(tail -1 "$err")
  awk -v l="$label" -v s="$seconds" -v f="$frames" -v r="$rss" 'BEGIN { printf "%-28s %8.1f s %10d frames %9.0f fps %7.0f MB\n", l, s, f, f / s, r / 1024 }'
  rm -f "$out" "$err"
}

echo "== CartPole-v1 to mean-100 >= 475 (README recipe per mode), one line per seed"
for mode in a2c a3c-data a3c-grad; do
  for seed in "${seeds[@]}"; do
    run "cartpole $mode seed $seed" --config "hocon/cartpole-$mode.conf" --set "training.seed=$seed"
  done
done
echo "== PixelPong-v0, frames per second over a short budget"
run "pong a2c (2x25 envs)" --config hocon/pong-a2c.conf --set training.max-frames=3000
run "pong a3c-grad (4x8 envs)" --config hocon/pong-a3c-grad.conf --set training.max-frames=3000
