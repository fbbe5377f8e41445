#!/usr/bin/env bash
# `npm test`: typecheck, lint, the whole suite on PGlite, again on PostgreSQL when DATABASE_URL is
# set, and the browser tests in Debian's chromium. Ends with one plain line "N passed, N failed"
# (typecheck and lint count as one check each) and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
out=.ci-out
rm -rf "$out" && mkdir -p "$out"
passed=0
failed=0
notes=()

fail_step() { failed=$((failed + 1)); notes+=("FAILED: $1"); echo "FAILED: $1"; }

# Adds the counts of a vitest JSON report; a missing report, or one with no test run, is a failure.
count_vitest() {
  local report=$1 name=$2
  if [ ! -s "$report" ]; then fail_step "$name (no test report)"; return; fi
  local counts p f
  counts=$(node -e '
    const r = require(process.argv[1]);
    // A file that failed with no failed test (a beforeAll or an import that threw) counts once.
    const broken = (r.testResults || []).filter((t) => t.status === "failed" && !t.assertionResults.some((a) => a.status === "failed")).length;
    console.log(r.numPassedTests, r.numFailedTests + broken);' "$PWD/$report")
  read -r p f <<<"$counts"
  passed=$((passed + p)); failed=$((failed + f))
  echo "$name: $p passed, $f failed"
  [ "$p" -gt 0 ] || fail_step "$name ran no test"
}

echo "==> typecheck"
if npx tsc --noEmit -p tsconfig.json; then passed=$((passed + 1)); else fail_step "typecheck"; fi

echo "==> lint"
if npx biome check .; then passed=$((passed + 1)); else fail_step "lint"; fi

echo "==> build web pages"
if node web/build.mjs; then passed=$((passed + 1)); else fail_step "web build"; fi

echo "==> tests on PGlite"
env -u DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile.json="$out/pglite.json"
count_vitest "$out/pglite.json" "PGlite suite"

if [ -n "${DATABASE_URL:-}" ]; then
  echo "==> tests on PostgreSQL"
  npx vitest run --reporter=default --reporter=json --outputFile.json="$out/pg.json"
  count_vitest "$out/pg.json" "PostgreSQL suite"
else
  notes+=("PostgreSQL suite not run: set DATABASE_URL=postgres://... to run it (CI does)")
fi

echo "==> browser tests"
if [ -x /usr/bin/chromium ]; then
  npx vitest run --config tests/e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$out/e2e.json"
  count_vitest "$out/e2e.json" "Browser suite"
elif [ -n "${ATRIUM_REQUIRE_BROWSER:-}" ]; then
  fail_step "browser tests: /usr/bin/chromium is missing"
else
  notes+=("Browser tests not run: /usr/bin/chromium is missing (apt-get install -y chromium; CI installs it)")
fi

echo
for n in "${notes[@]}"; do echo "$n"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
