#!/usr/bin/env bash
# Sets up on a fresh machine, builds, and runs the built-in demo race. It speaks through the default audio
# device, or writes demo.wav when there is none. Extra arguments go to 'crewchief demo'.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build src/CrewChief/CrewChief.csproj -c Release -v quiet -nologo
exec dotnet src/CrewChief/bin/Release/net10.0/crewchief.dll demo "$@"
