#!/usr/bin/env bash
# Mutation testing of the critical code with Stryker.NET, on demand (not part of CI): each area mutates its files and
# runs the tests that cover each mutant (Stryker's per-test coverage). Reports go to TestResults/mutation/<area>/.
# eng/stryker-config.json leaves out the mutants no test can tell apart from the original: argument guards removed
# (every caller passes arguments) and ConfigureAwait's flag flipped (neither host has a synchronization context).
#   bash eng/mutate.sh                 every area
#   bash eng/mutate.sh planning runtime  the areas named
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dotnet tool restore > /dev/null

# area | project under test | test project | files to mutate (space-separated globs, relative to the project) | tests
# (a test filter, or * for all): the crash tests (minutes a run) and the chaos test are left out, so each score is
# what the faster tests pin on their own. A glob may end in #Member,Member to mutate only those members of the file
# (each from its declaration to the next member's): the purchases area is the adapter's buying steps, pinned by
# TenantCommerceTests. The aps area runs O365Functions.Api.UnitTests: Stryker cannot build O365Functions.Api.Tests,
# which references the Functions app, and its gateway-level tests take minutes a mutant.
AREAS='
planning|src/O365Functions.Core/O365Functions.Core.csproj|tests/O365Functions.Core.Tests/O365Functions.Core.Tests.csproj|**/Provisioning/TenantChangePlanner.cs **/Provisioning/SeatPlanner.cs|*
webhooks|src/O365Functions.PartnerCenter/O365Functions.PartnerCenter.csproj|tests/O365Functions.PartnerCenter.Tests/O365Functions.PartnerCenter.Tests.csproj|**/Webhooks/WebhookSignatureVerifier.cs **/Webhooks/CertificateFetcher.cs|*
ratelimiter|src/O365Functions.PartnerCenter/O365Functions.PartnerCenter.csproj|tests/O365Functions.PartnerCenter.Tests/O365Functions.PartnerCenter.Tests.csproj|**/Http/PartnerRateLimiters.cs **/Http/PartnerCenterTransport.cs|*
runtime|src/O365Functions.Orchestration/O365Functions.Orchestration.csproj|tests/O365Functions.Orchestration.Tests/O365Functions.Orchestration.Tests.csproj|**/EmbeddedWorkflowRuntime.cs|FullyQualifiedName!~CrashRecovery
purchases|src/O365Functions.PartnerCenter/O365Functions.PartnerCenter.csproj|tests/O365Functions.PartnerCenter.Tests/O365Functions.PartnerCenter.Tests.csproj|**/Adapters/PartnerCenterTenantCommerce.cs#CreateCustomerAsync,PurchaseAsync,AnswerAsync,ParentOrdersAsync,CheckOutAsync|*
aps|src/O365Functions.Api/O365Functions.Api.csproj|tests/O365Functions.Api.UnitTests/O365Functions.Api.UnitTests.csproj|**/Aps/Phases/*.cs **/Aps/Authentication/OAuthRequestVerifier.cs|*
nonces|src/O365Functions.Core/O365Functions.Core.csproj|tests/O365Functions.Storage.Tests/O365Functions.Storage.Tests.csproj|**/Security/OAuthNonceLedger.cs|FullyQualifiedName~OAuthNonceLedgerTests
'

# The character spans ({from..to}, Stryker's notation) of the named members of a C# file: each member runs from its
# declaration line to the line before the next declaration at the same indentation.
member_spans() {
  awk -v names="$2" '
    BEGIN { n = split(names, wanted, ","); for (i = 1; i <= n; i++) want[wanted[i]] = 1 }
    { start[NR] = offset; offset += length($0) + 1 }
    /^    (public|private|internal|protected) / {
      if (open) { spans = spans "{" from ".." start[NR] - 1 "}"; open = 0 }
      for (name in want) if (index($0, " " name "(") || index($0, " " name "<")) { from = start[NR]; open = 1 }
    }
    END { if (open) spans = spans "{" from ".." offset - 1 "}"; print spans }' "$1"
}

wanted=" $* "
echo "$AREAS" | while IFS='|' read -r area project tests globs filter; do
  [ -z "$area" ] && continue
  if [ $# -gt 0 ] && [[ "$wanted" != *" $area "* ]]; then continue; fi
  echo "== mutation: $area"
  mutate=()
  for glob in $globs; do
    if [[ "$glob" == *"#"* ]]; then
      file=$(find "$(dirname "$project")" -path "*/${glob%%#*}" -not -path "*/obj/*" | head -1)
      glob="${glob%%#*}$(member_spans "$file" "${glob#*#}")"
    fi
    mutate+=(-m "$glob")
  done
  [ "$filter" != "*" ] && mutate+=(--test-case-filter "$filter")
  (cd "$(dirname "$tests")" && dotnet dotnet-stryker --project "$(basename "$project")" --configuration Release \
    "${mutate[@]}" --config-file "$root/eng/stryker-config.json" -r json -r cleartext -r progress -O "$root/TestResults/mutation/$area" --skip-version-check -c 2) \
    | grep -E "mutants got status|final mutation score|Time Elapsed" || true
done
