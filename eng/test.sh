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
# Chromium for the console's browser tests (Playwright drives the system's browser; it cannot download its own here).
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium > /dev/null; then
  echo "Installing Debian's chromium for the console's browser tests."
  apt-get install -y --no-install-recommends chromium > /dev/null || { apt-get update > /dev/null && apt-get install -y --no-install-recommends chromium > /dev/null; }
fi
# TEST_CLOCK_START=HH:MM:SS runs the whole suite with every process's clock (the test hosts', the gateways', Azurite's)
# starting at that UTC time today and running on from there, through libfaketime: 23:59:30 puts midnight half a
# minute into the run. Every reader of the clock is covered, not only code that takes a TimeProvider.
if [ -n "${TEST_CLOCK_START:-}" ]; then
  if ! command -v faketime > /dev/null; then
    apt-get install -y --no-install-recommends faketime > /dev/null || { apt-get update > /dev/null && apt-get install -y --no-install-recommends faketime > /dev/null; }
  fi
  start="$(date -u +%F) ${TEST_CLOCK_START}"
  echo "Running the tests with the clock starting at ${start} UTC."
  unset TEST_CLOCK_START
  TZ=UTC FAKETIME_DONT_RESET=1 exec faketime -f "@${start}" "$(pwd)/eng/test.sh" "$@"
fi

# A test host that starts slowly on a loaded 2-core machine is waited for, rather than failing the run.
export VSTEST_CONNECTION_TIMEOUT="${VSTEST_CONNECTION_TIMEOUT:-300}"
rm -rf TestResults
dotnet test O365Functions.sln -c "$configuration" --logger trx --results-directory TestResults "$@"
