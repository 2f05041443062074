#!/usr/bin/env bash
# The workflow workload on both engines in one run. Durable Task's in-process test host caps concurrent work items
# at the processor count the runtime reports and then polls in 500 ms sleeps, which stalls it on 2 cores; the run
# reports 16 processors to work around that (as the Durable contract tests do), and gives the embedded runtime the
# machine's real core count as its step workers, its default on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cores=$(nproc)
dotnet build -c Release benchmarks/O365Functions.Benchmarks >/dev/null
DOTNET_PROCESSOR_COUNT=16 Logging__LogLevel__Default=Warning dotnet benchmarks/O365Functions.Benchmarks/bin/Release/net10.0/O365Functions.Benchmarks.dll \
  engines --embedded-orchestrators "$cores" "$@"
