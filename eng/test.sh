#!/usr/bin/env bash
# Runs every test project of the solution and writes TRX results to TestResults/.
# Extra arguments go to `dotnet test` (for example --no-build after a Release build, or --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
rm -rf TestResults
dotnet test O365Functions.sln -c "$configuration" --logger trx --results-directory TestResults "$@"
