#!/usr/bin/env bash
# Compiles and lints infra/ with the Bicep CLI from NuGet (restored by eng/bicep/Bicep.csproj), treating every
# linter warning as an error. Writes the compiled ARM template to infra/bin/main.json for inspection.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet restore eng/bicep/Bicep.csproj --verbosity quiet
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
version=$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\(.*\)\]".*/\1/p' eng/bicep/Bicep.csproj)
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -x "$bicep" ] || chmod +x "$bicep"
export BICEP_TRACING_ENABLED=false DOTNET_CLI_TELEMETRY_OPTOUT=1

mkdir -p infra/bin
log=$(mktemp)
status=0
"$bicep" build infra/main.bicep --outfile infra/bin/main.json > "$log" 2>&1 || status=1
"$bicep" lint infra/main.bicep >> "$log" 2>&1 || status=1
cat "$log"
if grep -qiE "warning|error" "$log"; then status=1; fi
rm -f "$log"
[ "$status" -eq 0 ] && echo "bicep: infra/main.bicep compiles and lints clean ($("$bicep" --version))"
exit "$status"
