#!/usr/bin/env bash
# Acceptance against the real ContextForge gateway (PyPI mcp-contextforge-gateway 1.0.7):
# the gateway creates its own database, breakglass edits it, and the gateway's login API
# must answer as intended. Runs on SQLite and on PostgreSQL.
#
# usage: tests/gateway/acceptance.sh BREAKGLASS_BINARY [POSTGRES_URL]
set -euo pipefail

breakglass=$(realpath "$1")
postgres=${2:-}
port=${GATEWAY_PORT:-4444}
work=$(mktemp -d)
# shellcheck source=tests/gateway/lib.sh
. "$(dirname "$0")/lib.sh"

cleanup() {
  stop_gateway
  rm -rf "$work"
}
trap cleanup EXIT
install_gateway

scenario() {
  local label=$1 database_url=$2
  echo "== $label"
  cat >"$work/.env" <<ENV
DATABASE_URL=$database_url
PLATFORM_ADMIN_EMAIL=admin@example.com
PLATFORM_ADMIN_PASSWORD=changeme
JWT_SECRET_KEY=breakglass-acceptance-secret-key-0123456789abcdef
AUTH_REQUIRED=true
EMAIL_AUTH_ENABLED=true
MCPGATEWAY_UI_ENABLED=false
CACHE_TYPE=memory
RATE_LIMITING_ENABLED=false
PROTECT_ALL_ADMINS=false
LOG_LEVEL=ERROR
ENV
  start_gateway
  local admin=admin@example.com first='Recovered-Root-Pass-2026!' second='Second-Recovery-Pass-2026!'
  expect_login 403 "$admin" changeme "bootstrap admin must change its password"

  printf '%s\n' "$first" | bg reset "$admin" --password-stdin --no-must-change >/dev/null
  expect_login 200 "$admin" "$first" "reset --no-must-change"

  printf '%s\n' "$second" | bg reset "$admin" --password-stdin --must-change >/dev/null
  expect_login 403 "$admin" "$second" "reset --must-change"
  bg clear-change-flag "$admin" >/dev/null
  expect_login 200 "$admin" "$second" "clear-change-flag"

  for _ in 1 2 3 4 5; do login "$admin" 'Wrong-Password-1!' >/dev/null; done
  expect_login 401 "$admin" "$second" "locked after 5 failures (PROTECT_ALL_ADMINS=false)"
  printf '%s\n' "$second" | (cd "$work" && "$breakglass" -q verify "$admin" --password-stdin >/dev/null) \
    && fail "verify should predict the lockout" || [ $? -eq 6 ] || fail "verify exit code"
  bg unlock "$admin" >/dev/null
  expect_login 200 "$admin" "$second" "unlock"

  bg deactivate "$admin" --force >/dev/null
  expect_login 401 "$admin" "$second" "deactivate"
  # Right after a deactivation the re-activation guard refuses (old sessions would come back).
  printf '%s\n' 'Third-Recovery-Pass-2026!!' | bg reset "$admin" --password-stdin --activate --no-must-change >/dev/null \
    && fail "reset --activate right after deactivate should be refused" || [ $? -eq 8 ] || fail "reset --activate exit code"
  printf '%s\n' 'Third-Recovery-Pass-2026!!' | bg reset "$admin" --password-stdin --activate --no-must-change --force >/dev/null
  expect_login 200 "$admin" 'Third-Recovery-Pass-2026!!' "reset --activate"

  # A new admin from nothing: the gateway asks it to change its password first, or lets it in.
  printf '%s\n' 'Fresh-Admin-Pass-2026-Created!' | bg create-admin new.admin@example.com --password-stdin >/dev/null
  expect_login 403 new.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "create-admin (must change at first login)"
  grep -qi 'change' "$work/login.json" || fail "the 403 is not the password-change demand: $(head -c 300 "$work/login.json")"
  printf '%s\n' 'Fresh-Admin-Pass-2026-Created!' | bg create-admin Other.Admin@Example.com --password-stdin --no-must-change >/dev/null
  expect_login 200 other.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "create-admin --no-must-change"
  grep -q '"is_admin": *true' "$work/login.json" || fail "the gateway does not see the created admin as an admin: $(head -c 300 "$work/login.json")"

  local events
  events=$(cd "$work" && "$breakglass" -q list-admins -o json)
  echo "$events" | grep -q '"email":"admin@example.com"' || fail "list-admins lost the admin"
  stop_gateway
}

scenario "SQLite" "sqlite:///./mcp.db"

if [ -n "$postgres" ]; then
  schema="bg_gateway_$$"
  trap 'psql -q "$postgres" -c "DROP SCHEMA IF EXISTS '"$schema"' CASCADE" >/dev/null 2>&1; cleanup' EXIT
  scenario "PostgreSQL" "$(postgres_schema_url "$postgres" "$schema")"
fi
echo "gateway acceptance: all scenarios passed"
