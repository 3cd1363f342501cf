#!/usr/bin/env bash
# Builds everything and runs every test project; the last line is "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

# Installs a Debian package some tests need unless CHECK already succeeds; as a non-root user it
# only says what is missing and what that costs.   need "PACKAGES" "CHECK" "WITHOUT THEM"
need() {
  local packages=$1 check=$2 without=$3
  bash -c "$check" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "test: missing $packages (apt-get install $packages); $without" >&2
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086 # a list of package names
  apt-get install -y -qq --no-install-recommends $packages >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages >/dev/null; }
}

# LunarLander's Box2D layer is compiled by the build from Debian's libbox2d with g++: before building.
need "g++ libbox2d-dev" "command -v g++ && test -f /usr/include/box2d/box2d.h" "the build skips LunarLander and its tests fail"
scripts/setup.sh Debug || { echo "0 passed, 1 failed"; exit 1; }

# The dashboard is tested in headless Chromium.
need chromium "test -x /usr/bin/chromium" "the dashboard test will fail"
# Exports are loaded in Debian's PyTorch to check them against our logits (scripts/exported_policy.py).
need python3-torch "/usr/bin/python3 -c 'import torch'" "the PyTorch interop tests will be skipped"
# Hopper-v5 and HalfCheetah-v5 simulate with Debian's MuJoCo 2.2.2 (the binding reads its 2.2.2 struct layouts).
need libmujoco-dev "ldconfig -p | grep -q 'libmujoco\.so\.2\.2\.2'" "the MuJoCo environment tests will fail"

# The PostgreSQL store runs the same tests as SQLite against a private server on loopback.
if [ "${A3C_SKIP_POSTGRES:-0}" != "1" ]; then
  eval "$(scripts/postgres-test-server.sh)" || { echo "0 passed, 1 failed"; exit 1; }
fi

log="$(mktemp)"
dotnet test Akka.sln --no-build -c Debug -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary line per test assembly: "Passed!  - Failed: 0, Passed: 53, ...".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or runner failure counts
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
