#!/usr/bin/env bash
# Entity-store benchmark: SQLite, and Table Storage on a fresh in-memory Azurite on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f node_modules/azurite/dist/src/table/main.js ] || npm ci --no-audit --no-fund --loglevel=error
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$port" \
  --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --silent &
azurite=$!
trap 'kill $azurite 2>/dev/null || true' EXIT
sleep 2
dotnet run -c Release --project benchmarks/O365Functions.Benchmarks -- store --azurite-port "$port"
