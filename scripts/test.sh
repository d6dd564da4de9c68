#!/usr/bin/env bash
# The test command of the README and of CI: makes PostgreSQL and RabbitMQ reachable, runs every test project,
# and ends with one line of totals over all of them: "N passed, N failed, N skipped".
# Arguments are passed to `dotnet test` (e.g. --filter "Category!=Integration").
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# shellcheck source=servers.sh
. scripts/servers.sh

results="$repo_root/.local/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
# A hung test host is killed and reported (with the test that hung) instead of running out the clock.
dotnet test Bus.sln --nologo -c Release --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5min --blame-hang-dump-type none "$@" || status=$?

passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { sed -n "s/.* $1=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters"; }
  total=$(attr total) ok=$(attr passed) bad=$(attr failed)
  passed=$((passed + ok)) failed=$((failed + bad)) skipped=$((skipped + total - ok - bad))
done
if ((${#trx_files[@]} == 0)); then
  echo "no test results were written (did the build fail?)" >&2
  status=${status/#0/1}
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
