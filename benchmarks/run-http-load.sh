#!/usr/bin/env bash
# HTTP load on the local gateway (Release, emulated Microsoft, fresh data folder): 64 clients on valid plans, on
# invalid plans, and on /health; prints the gateway's resident memory before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
port=7090
data=$(mktemp -d)
dotnet build -c Release src/O365Functions.Local >/dev/null
dotnet build -c Release benchmarks/O365Functions.Benchmarks >/dev/null
dotnet src/O365Functions.Local/bin/Release/net10.0/O365Functions.Local.dll --urls "http://127.0.0.1:$port" \
  --Storage:DataDirectory "$data" --Microsoft:EmulatorPort 0 --Logging:LogLevel:Default Warning >/dev/null &
gateway=$!
trap 'kill $gateway 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ {printf "%.0f MB\n", $2/1024}' "/proc/$gateway/status"; }
echo "gateway RSS at start: $(rss)"
load() { dotnet benchmarks/O365Functions.Benchmarks/bin/Release/net10.0/O365Functions.Benchmarks.dll http-load "$@"; }
load --url "http://127.0.0.1:$port/catalog/plan" --body '{"licenses": {"O365_BUSINESS_PREMIUM": {"limit": 5}, "EXCHANGEARCHIVE_ADDON": {"limit": 5}}}'
echo "gateway RSS: $(rss)"
load --url "http://127.0.0.1:$port/catalog/plan" --body '{"licenses": {"NO_SUCH_OFFER": {"limit": 5}, "ENTERPRISEPACK": {"limit": 0}}}'
echo "gateway RSS: $(rss)"
load --url "http://127.0.0.1:$port/health"
echo "gateway RSS at end: $(rss)"
