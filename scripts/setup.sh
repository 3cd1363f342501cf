#!/usr/bin/env bash
# Builds the solution (or one project of it) after checking for the .NET SDK. TorchSharp and
# libtorch come from NuGet; nothing is rebuilt needlessly.
#   scripts/setup.sh [Release|Debug] [PROJECT]        e.g. scripts/setup.sh Release Host/Host.csproj
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-Release}"
project="${2:-Akka.sln}"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK (dotnet) is required and was not found on PATH" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build "$project" -c "$configuration" -nologo -clp:ErrorsOnly -v:q
