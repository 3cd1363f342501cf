#!/usr/bin/env bash
# Builds everything and runs every test project; the last line is "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

# LunarLander's Box2D layer is compiled by the build from Debian's libbox2d (C++ headers) with g++; without
# them the build skips it and the LunarLander tests fail, so install them first (root, as below).
if ! command -v g++ >/dev/null 2>&1 || [ ! -f /usr/include/box2d/box2d.h ]; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends g++ libbox2d-dev >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends g++ libbox2d-dev >/dev/null; }
  else
    echo "test: g++ or libbox2d-dev is missing (apt-get install g++ libbox2d-dev); the LunarLander tests will fail" >&2
  fi
fi
scripts/setup.sh Debug || { echo "0 passed, 1 failed"; exit 1; }

# The dashboard is tested in headless Chromium (Debian's package).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
  else
    echo "test: /usr/bin/chromium is missing (apt-get install chromium); the dashboard test will fail" >&2
  fi
fi

# Exports are loaded in Debian's PyTorch to check them against our logits (scripts/exported_policy.py);
# without it those tests are reported skipped, with the reason.
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch >/dev/null; }
  else
    echo "test: python3-torch is missing (apt-get install python3-torch); the PyTorch interop tests will be skipped" >&2
  fi
fi

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
