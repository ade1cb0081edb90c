#!/usr/bin/env bash
# Set up everything the tests need and run them: the README's test command.
#   ./test.sh            lint + the whole test suite (SQLite, then PostgreSQL)
#   ./test.sh -k parse   extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1

# 1. System packages: PostgreSQL (tests start their own server), Chromium (browser tests,
#    never a downloaded browser), CJK fonts, poppler (PDF→PNG), LibreOffice (DOCX→PDF, .doc/.wps).
need=()
for pkg in postgresql chromium fonts-noto-cjk fonts-wqy-microhei poppler-utils libreoffice-writer-nogui; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing ${need[*]}"
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "== not root: cannot install ${need[*]}; the tests that need them will be skipped with the reason"
  fi
fi

# 2. Python environment.
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q -e ".[dev]"

# 3. Lint and types.
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # strict, django-stubs plugin; config in pyproject.toml

# 4. A throwaway PostgreSQL on loopback for the tests that need one.
source scripts/pg-start.sh || echo "== PostgreSQL could not be started: its tests will be skipped with the reason"

# 5. Tests.
set +e
.venv/bin/python -m pytest -q "$@"
rc=$?
[ $rc -eq 5 ] && rc=0

# 6. The database tests (tests/web) a second time on the real PostgreSQL (full runs only).
if [ $# -eq 0 ]; then
  if [ -n "${XXGK_TEST_DATABASE_URL:-}" ]; then
    echo "== database tests again on PostgreSQL (DATABASE_URL=$XXGK_TEST_DATABASE_URL)"
    DATABASE_URL="$XXGK_TEST_DATABASE_URL" .venv/bin/python -m pytest -q tests/web
    pg_rc=$?
    [ $pg_rc -eq 5 ] && pg_rc=0
    [ $rc -eq 0 ] && rc=$pg_rc
  else
    echo "== SKIPPED database tests on PostgreSQL: XXGK_TEST_DATABASE_URL is unset (no server could be started); they ran on SQLite only"
  fi
fi
set -e
exit $rc
