#!/usr/bin/env bash
# Acceptance against the real ContextForge gateway (PyPI mcp-contextforge-gateway 1.0.7):
# the gateway creates its own database, breakglass edits it, and the gateway's login API
# must answer as intended. Runs on SQLite and on PostgreSQL.
#
# usage: tests/gateway/acceptance.sh BREAKGLASS_BINARY [POSTGRES_URL]
set -euo pipefail

breakglass=$(realpath "$1")
postgres=${2:-}
venv=${GATEWAY_VENV:-/tmp/breakglass-gateway-venv}
port=${GATEWAY_PORT:-4444}
work=$(mktemp -d)
gateway_pid=

cleanup() {
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "$venv/bin/mcpgateway" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'mcp-contextforge-gateway==1.0.7' 'psycopg[binary]'
fi

fail() { echo "FAIL: $*" >&2; [ -f "$work/gateway.log" ] && tail -20 "$work/gateway.log" >&2; exit 1; }

start_gateway() {
  if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
    fail "something already answers on port $port; set GATEWAY_PORT to a free port"
  fi
  (cd "$work" && exec "$venv/bin/mcpgateway" --host 127.0.0.1 --port "$port" >"$work/gateway.log" 2>&1) &
  gateway_pid=$!
  for _ in $(seq 1 90); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then return 0; fi
    kill -0 "$gateway_pid" 2>/dev/null || fail "the gateway exited while starting"
    sleep 1
  done
  fail "the gateway did not answer /health within 90s"
}

stop_gateway() {
  kill "$gateway_pid" 2>/dev/null || true
  wait "$gateway_pid" 2>/dev/null || true
  gateway_pid=
}

# Prints the HTTP status of a login.
login() {
  curl -s -o "$work/login.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/auth/email/login" \
    -H 'content-type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}"
}

expect_login() {
  local want=$1 email=$2 password=$3 what=$4 got
  got=$(login "$email" "$password")
  [ "$got" = "$want" ] || fail "$what: login answered $got, expected $want ($(head -c 200 "$work/login.json"))"
  echo "ok   $what: login $got"
}

bg() { (cd "$work" && "$breakglass" -q --yes "$@"); }

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
  printf '%s\n' 'Third-Recovery-Pass-2026!!' | bg reset "$admin" --password-stdin --activate --no-must-change >/dev/null
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
  psql -q "$postgres" -c "CREATE SCHEMA $schema" >/dev/null
  trap 'psql -q "$postgres" -c "DROP SCHEMA IF EXISTS '"$schema"' CASCADE" >/dev/null 2>&1; cleanup' EXIT
  base=${postgres/postgresql:\/\//postgresql+psycopg:\/\/}
  scenario "PostgreSQL" "$base?options=-c%20search_path%3D$schema"
fi
echo "gateway acceptance: all scenarios passed"
