#!/usr/bin/env bash
# Installs what is missing on a Debian 12 machine (as root), then builds the native libtorch
# binding and the solution (or one project of it). Nothing is reinstalled or rebuilt needlessly.
#   scripts/setup.sh [Release|Debug] [PROJECT]        e.g. scripts/setup.sh Release Host/Host.csproj
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-Release}"
project="${2:-Akka.sln}"

need=()
for package in libtorch-dev cmake g++ make; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${need[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "setup: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK (dotnet) is required and was not found on PATH" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The native layer is built by Models.csproj through CMake, incrementally.
dotnet build "$project" -c "$configuration" -nologo -clp:ErrorsOnly -v:q
