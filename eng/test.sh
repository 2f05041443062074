#!/usr/bin/env bash
# Runs every test project of the solution and writes TRX results to TestResults/.
# Extra arguments go to `dotnet test` (for example --no-build after a Release build, or --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"

# Azurite (a real Table Storage API) for the storage contract tests, pinned by package-lock.json.
if [ ! -f node_modules/azurite/dist/src/table/main.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# A test host that starts slowly on a loaded 2-core machine is waited for, rather than failing the run.
export VSTEST_CONNECTION_TIMEOUT="${VSTEST_CONNECTION_TIMEOUT:-300}"
rm -rf TestResults
dotnet test O365Functions.sln -c "$configuration" --logger trx --results-directory TestResults "$@"
