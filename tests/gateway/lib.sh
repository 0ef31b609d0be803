#!/usr/bin/env bash
# Shared by the scripts that judge breakglass with the real ContextForge gateway: installing a
# release once (reused across runs), starting and stopping it, and logging in through its API.
# The sourcing script sets: breakglass (the binary), work (a scratch directory holding .env and
# the SQLite file), port; and may set GATEWAY_VERSION (default 1.0.7).

GATEWAY_VERSION=${GATEWAY_VERSION:-1.0.7}
venv=${GATEWAY_VENV:-/tmp/breakglass-gateway-venv}
gateway_pid=

fail() { echo "FAIL: $*" >&2; [ -f "$work/gateway.log" ] && tail -20 "$work/gateway.log" >&2; exit 1; }

# Installs the gateway release into $venv unless it is already there.
install_gateway() {
  if [ ! -x "$venv/bin/mcpgateway" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "mcp-contextforge-gateway==$GATEWAY_VERSION" 'psycopg[binary]'
  fi
}

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
  [ -n "$gateway_pid" ] || return 0
  kill "$gateway_pid" 2>/dev/null || true
  wait "$gateway_pid" 2>/dev/null || true
  gateway_pid=
}

# Prints the HTTP status of a login; the answer's body is left in $work/login.json.
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

# breakglass in the gateway's working directory, as an operator runs it in a script.
bg() { (cd "$work" && "$breakglass" -q --yes "$@"); }

# A PostgreSQL schema of the script's own, dropped on exit; prints the gateway's DATABASE_URL for it.
postgres_schema_url() {
  local postgres=$1 schema=$2
  psql -q "$postgres" -c "CREATE SCHEMA $schema" >/dev/null
  local base=${postgres/postgresql:\/\//postgresql+psycopg:\/\/}
  printf '%s?options=-c%%20search_path%%3D%s' "$base" "$schema"
}
