#!/usr/bin/env bash
# Access removal judged by the real ContextForge gateway (PyPI mcp-contextforge-gateway 1.0.7):
# a second admin (the victim) holds a login session S, API tokens made through POST /tokens and
# an unused reset link; revoke-tokens must cut its tokens and spare the session, lockdown must cut
# everything, and re-activating right after a lockdown must be refused (exit 8, row untouched).
# With CACHE_TYPE=memory the gateway may answer from its cache for up to 30 s (bound 35 s); with
# CACHE_TYPE=redis breakglass tells the cache, so the bound is 2 s after breakglass returns.
# Runs on SQLite, and on PostgreSQL when POSTGRES_URL is given (a schema of its own per scenario,
# in a database of the run's own when the server allows it; dropped when done). The scenarios run
# side by side in three lanes (SQLite memory, SQLite redis, PostgreSQL both), each lane's output
# printed when it is done: a gateway takes about 30 s to create its tables and a memory scenario
# spends a minute waiting out the gateway's cache. About 3 minutes in all.
#
# usage: tests/gateway/access.sh BREAKGLASS_BINARY [POSTGRES_URL]
# env:   GATEWAY_PORT (default 4454; the next two ports are used too),
#        REDIS_HOST_PORT (default 127.0.0.1:6379),
#        REDIS_DB (default 11; PostgreSQL uses the next one too; each flushed when its Redis
#        scenario starts)
set -euo pipefail

breakglass=$(realpath "$1")
postgres=${2:-}
base_port=${GATEWAY_PORT:-4454}
redis_host_port=${REDIS_HOST_PORT:-127.0.0.1:6379}
base_redis_db=${REDIS_DB:-11}
top=$(mktemp -d)
work=$top
# shellcheck source=tests/gateway/lib.sh
. "$(dirname "$0")/lib.sh"

# PostgreSQL: a database of the run's own when the server lets us create one (other runs' gateway
# schemas in the given database would make the gateway's migrations fail, see lane()), with a
# schema of its own per scenario in it; both dropped at exit.
pg_database=
if [ -n "$postgres" ]; then
  if psql -X -q "$postgres" -c "CREATE DATABASE bg_access_$$" >/dev/null 2>&1; then
    pg_database=bg_access_$$
    postgres=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$postgres" "$pg_database")
  fi
fi
given_postgres=${2:-}
lanes=()
cleanup() {
  local pid cache
  for pid in ${lanes[@]+"${lanes[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${lanes[@]+"${lanes[@]}"}; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_database" ]; then
    psql -X -q "$given_postgres" -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true
  elif [ -n "$postgres" ]; then
    for cache in memory redis; do
      psql -X -q "$postgres" -c "DROP SCHEMA IF EXISTS bg_access_$$_$cache CASCADE" >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$top"
}
trap cleanup EXIT
install_gateway

admin=admin@example.com
admin_password='Recovered-Root-Pass-2026!'
victim_password='Orchard-Lantern-Quartz-2026!'
link_password='Copper-Meadow-Signal-2026!x'
victim=  # per engine: Redis pub/sub channels are shared by every database number
schema=  # the current scenario's PostgreSQL schema, empty on SQLite

# One SQL statement on the scenario's database; rows as text, columns joined by |.
sql() {
  if [ -n "$schema" ]; then
    PGOPTIONS="-c search_path=$schema" psql -X -q -tA -v ON_ERROR_STOP=1 "$postgres" -c "$1"
  else
    sqlite3 -batch "$work/mcp.db" "$1"
  fi
}

redis_cli() { redis-cli -h "${redis_host_port%:*}" -p "${redis_host_port##*:}" -n "$redis_db" "$@"; }

# HTTP status of GET /auth/email/me with a bearer; the body is left in $work/me.json.
me() {
  curl -s -o "$work/me.json" -w '%{http_code}' "http://127.0.0.1:$port/auth/email/me" \
    -H "Authorization: Bearer $1"
}

expect_me() {
  local want=$1 bearer=$2 what=$3 got
  got=$(me "$bearer")
  [ "$got" = "$want" ] || fail "$what: GET /auth/email/me answered $got, expected $want ($(head -c 200 "$work/me.json"))"
  echo "ok   $what: /auth/email/me $got"
}

now() { local t=${EPOCHREALTIME//[!0-9]/}; echo "$t"; }  # microseconds
elapsed() { local us=$(( $(now) - $1 )); printf '%d.%d' $((us / 1000000)) $((us % 1000000 / 100000)); }

# Polls GET /auth/email/me until it answers 401, every $3 seconds, for at most $2 seconds after
# $4 (a time from `now`, taken when breakglass returned). Prints how long it took.
expect_cut_within() {
  local bearer=$1 bound=$2 step=$3 since=$4 what=$5 got us polls=0
  while :; do
    got=$(me "$bearer")
    us=$(( $(now) - since )) polls=$((polls + 1))
    [ "$got" = 401 ] && break
    [ "$got" = 200 ] || fail "$what: GET /auth/email/me answered $got ($(head -c 200 "$work/me.json"))"
    [ "$us" -lt $((bound * 1000000)) ] || fail "$what: still 200 after $(elapsed "$since")s (bound ${bound}s)"
    sleep "$step"
  done
  [ "$us" -le $((bound * 1000000)) ] || fail "$what: 401 only after $((us / 1000))ms (bound ${bound}s)"
  echo "ok   $what: 401 after $((us / 1000)) ms, $polls poll(s) (bound ${bound}s; $(head -c 80 "$work/me.json"))"
}

# An API token of the victim made through the gateway's POST /tokens with session $1.
make_api_token() {
  local status
  status=$(curl -s -o "$work/token.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/tokens" \
    -H "Authorization: Bearer $1" -H 'content-type: application/json' -d "{\"name\":\"$2\",\"expires_in_days\":1}")
  [ "$status" = 201 ] || [ "$status" = 200 ] || fail "POST /tokens answered $status ($(head -c 300 "$work/token.json"))"
  json_field "$work/token.json" access_token
}

json_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# A reset link for $victim inserted as the gateway's request_password_reset does; prints the raw token.
make_reset_link() {
  local raw hash id
  raw=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
  hash=$(printf '%s' "$raw" | sha256sum | cut -d' ' -f1)
  id=$(python3 -c 'import uuid; print(uuid.uuid4())')
  if [ -n "$schema" ]; then
    sql "INSERT INTO password_reset_tokens (id, user_email, token_hash, expires_at, used_at, created_at)
         VALUES ('$id', '$victim', '$hash', now() + interval '60 minutes', NULL, now())" >/dev/null
  else
    sql "INSERT INTO password_reset_tokens (id, user_email, token_hash, expires_at, used_at, created_at)
         VALUES ('$id', '$victim', '$hash', strftime('%Y-%m-%d %H:%M:%f000', 'now', '+60 minutes'), NULL,
                 strftime('%Y-%m-%d %H:%M:%f000', 'now'))" >/dev/null
  fi
  printf '%s' "$raw"
}

reset_link() {  # METHOD RAW_TOKEN; prints the status, body in $work/link.json
  local data=()
  [ "$1" = POST ] && data=(-H 'content-type: application/json'
    -d "{\"new_password\":\"$link_password\",\"confirm_password\":\"$link_password\"}")
  curl -s -o "$work/link.json" -w '%{http_code}' -X "$1" \
    "http://127.0.0.1:$port/auth/email/reset-password/$2" "${data[@]}"
}

# Checks breakglass's JSON answer $1, described by $2, with the Python expression $3 over `r`
# (an optional $4 is sys.argv[3]).
expect_json() {
  python3 -c 'import json, sys; r = json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$3" "${4:-}" \
    || fail "$2: breakglass answered $1"
  echo "ok   $2"
}

scenario() {
  local label=$1 database_url=$2 cache=$3 bound step
  echo "== $label, CACHE_TYPE=$cache"
  rm -f "$work"/mcp.db*
  local redis_line=
  if [ "$cache" = redis ]; then
    bound=2 step=0.2
    redis_cli flushdb >/dev/null || fail "cannot reach Redis at $redis_host_port"
    redis_line="REDIS_URL=redis://$redis_host_port/$redis_db"
  else
    bound=35 step=1
  fi
  cat >"$work/.env" <<ENV
DATABASE_URL=$database_url
PLATFORM_ADMIN_EMAIL=$admin
PLATFORM_ADMIN_PASSWORD=changeme
JWT_SECRET_KEY=breakglass-access-secret-key-0123456789abcdef
AUTH_REQUIRED=true
EMAIL_AUTH_ENABLED=true
MCPGATEWAY_UI_ENABLED=false
CACHE_TYPE=$cache
$redis_line
RATE_LIMITING_ENABLED=false
PROTECT_ALL_ADMINS=false
LOG_LEVEL=ERROR
ENV
  if [ -n "$schema" ]; then
    local others
    others=$(sql "SELECT string_agg(table_schema, ', ') FROM information_schema.tables
                  WHERE table_name = 'alembic_version' AND table_schema <> '$schema'")
    [ -z "$others" ] || echo "note: other gateway schemas in this database ($others): a fresh 1.0.7 gateway may fail to migrate beside them"
  fi
  start_gateway
  printf '%s\n' "$admin_password" | bg reset "$admin" --password-stdin --no-must-change >/dev/null
  printf '%s\n' "$victim_password" | bg create-admin "$victim" --password-stdin --no-must-change >/dev/null
  expect_login 200 "$victim" "$victim_password" "second admin $victim created"
  local session token token2 out since link before after status
  session=$(json_field "$work/login.json" access_token)
  token=$(make_api_token "$session" "access-test-1")
  expect_me 200 "$session" "victim's login session S"
  expect_me 200 "$token" "victim's API token T (POST /tokens)"

  local ntokens=2
  if [ "$cache" = redis ]; then
    # Control: a revocation Redis is not told of leaves the warm cache answering 200 past the
    # bound, so the 2 s checks below do test what breakglass tells Redis.
    local control cjti
    control=$(make_api_token "$session" "access-control")
    expect_me 200 "$control" "control token C"
    out=$(bg tokens "$victim" -o json) || fail "tokens exited $?: $out"
    cjti=$(python3 -c 'import json, sys; print(next(t["jti"] for t in json.loads(sys.argv[1]) if t["name"] == "access-control"))' "$out")
    out=$(bg revoke-tokens "$victim" --jti "$cjti" --no-redis -o json) || fail "revoke-tokens --jti --no-redis exited $?: $out"
    since=$(now)
    expect_json "$out" "revoke-tokens --jti C --no-redis: only C revoked, Redis left alone" \
      'r["revoked"] == [sys.argv[3]] and r["redis"] == "skipped"' "$cjti"
    sleep "$bound"
    expect_me 200 "$control" "control: C still served from the cache $(elapsed "$since")s after revoke-tokens --no-redis"
    ntokens=3
  fi

  # revoke-tokens: T cut, S spared.
  out=$(bg revoke-tokens "$victim" -o json) || fail "revoke-tokens exited $?: $out"
  since=$(now)
  expect_cut_within "$token" "$bound" "$step" "$since" "revoke-tokens: T"
  expect_me 200 "$session" "revoke-tokens: S still works"
  expect_json "$out" "revoke-tokens: one jti revoked" 'len(r["revoked"]) == 1'
  if [ "$cache" = memory ]; then
    expect_json "$out" "revoke-tokens: \"redis\": \"not configured\"" 'r["redis"] == "not configured"'
  else
    expect_json "$out" "revoke-tokens: \"redis\": \"done\"" 'r["redis"] == "done"'
    local jti
    jti=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["revoked"][0])' "$out")
    [ "$(redis_cli exists "mcpgw:auth:revoke:$jti")" = 1 ] || fail "no Redis key mcpgw:auth:revoke:$jti"
    echo "ok   revoke-tokens: Redis holds mcpgw:auth:revoke:$jti"
  fi

  # A second token made after revoke-tokens, and an unused reset link, for lockdown to cut.
  token2=$(make_api_token "$session" "access-test-2")
  expect_me 200 "$token2" "victim's API token T2, made after revoke-tokens"
  link=$(make_reset_link)
  status=$(reset_link GET "$link")
  [ "$status" = 200 ] || fail "the gateway does not take the inserted reset link: $status $(head -c 200 "$work/link.json")"
  echo "ok   reset link inserted the gateway's way: GET /auth/email/reset-password/{token} $status"
  expect_me 200 "$session" "S works right before lockdown"
  expect_me 200 "$token2" "T2 works right before lockdown"

  out=$(bg lockdown "$victim" -o json) || fail "lockdown exited $?: $out"
  since=$(now)
  expect_cut_within "$session" "$bound" "$step" "$since" "lockdown: S"
  expect_cut_within "$token2" "$bound" "$step" "$since" "lockdown: T2"
  expect_json "$out" "lockdown: T2 revoked, one reset link voided" \
    'len(r["revoked"]) == 1 and r["reset_links_voided"] == 1'
  if [ "$cache" = redis ]; then
    expect_json "$out" "lockdown: \"redis\": \"done\"" 'r["redis"] == "done"'
  fi
  expect_login 401 "$victim" "$victim_password" "lockdown: the old password"
  out=$(bg tokens "$victim" -o json) || fail "tokens exited $?: $out"
  expect_json "$out" "tokens: all $ntokens of the victim's tokens are \"revoked\"" \
    'len(r) == int(sys.argv[3]) and all(t["state"] == "revoked" for t in r)' "$ntokens"
  status=$(reset_link POST "$link")
  case $status in 4??) ;; *) fail "lockdown: the reset link still answers $status: $(head -c 200 "$work/link.json")" ;; esac
  grep -q 'already been used' "$work/link.json" \
    || fail "lockdown: the reset link is refused, but not as voided: $status $(head -c 200 "$work/link.json")"
  echo "ok   lockdown: the reset link is refused ($status $(head -c 80 "$work/link.json"))"
  [ -n "$(sql "SELECT used_at FROM password_reset_tokens WHERE user_email = '$victim' AND used_at IS NOT NULL")" ] \
    || fail "lockdown: the reset link's used_at is still NULL"
  expect_login 401 "$victim" "$link_password" "lockdown: the password the link tried to set"

  # Re-activating right after a lockdown would revive S: refused (exit 8), the row untouched.
  before=$(sql "SELECT * FROM email_users WHERE email = '$victim'")
  local rc=0
  printf '%s\n' 'Fresh-Start-Password-2026!' | bg reset "$victim" --activate --password-stdin >/dev/null 2>"$work/reset.err" || rc=$?
  [ "$rc" = 8 ] || fail "reset --activate right after lockdown exited $rc, expected 8: $(head -c 300 "$work/reset.err")"
  after=$(sql "SELECT * FROM email_users WHERE email = '$victim'")
  [ "$before" = "$after" ] || fail "reset --activate exited 8 but changed the row:
before: $before
after:  $after"
  local active
  active=$(sql "SELECT is_active FROM email_users WHERE email = '$victim'")
  case $active in 0|f|false) ;; *) fail "is_active is $active after the refused re-activation" ;; esac
  echo "ok   reset --activate right after lockdown: exit 8, row unchanged, is_active $active"
  expect_me 401 "$session" "S still refused"
  stop_gateway
}

# Scenarios in a subshell of their own (a lane): its own directory, port, Redis database and victim;
# its output goes to $top/$1.log. PostgreSQL's two run one after the other, each schema dropped
# before the next gateway starts: 1.0.7's migrations read foreign keys of every schema in the
# database, so a fresh gateway fails to start ("Database migration failed") beside another one.
lane() {
  local name=$1
  (
    work=$top/$name port=$2 redis_db=$3 victim=victim.${name%%-*}@example.com
    mkdir -p "$work"
    trap 'stop_gateway' EXIT
    trap 'exit 143' TERM INT
    case $name in
      sqlite-*) schema=; scenario "SQLite" "sqlite:///./mcp.db" "${name#sqlite-}" ;;
      postgresql)
        for cache in memory redis; do
          schema=bg_access_$$_$cache
          scenario "PostgreSQL" "$(postgres_schema_url "$postgres" "$schema")" "$cache"
          psql -X -q "$postgres" -c "DROP SCHEMA $schema CASCADE" >/dev/null
        done ;;
    esac
  ) >"$top/$name.log" 2>&1 &
  lanes+=($!)
}

start=$(now)
names=(sqlite-memory sqlite-redis)
lane sqlite-memory "$base_port" "$base_redis_db"
lane sqlite-redis $((base_port + 1)) "$base_redis_db"
if [ -n "$postgres" ]; then
  names+=(postgresql)
  lane postgresql $((base_port + 2)) $((base_redis_db + 1))
fi
failed=0
for i in "${!names[@]}"; do
  wait "${lanes[$i]}" || failed=1
  cat "$top/${names[$i]}.log"
done
lanes=()
[ "$failed" = 0 ] || { echo "gateway access: FAILED after $(elapsed "$start")s" >&2; exit 1; }
echo "gateway access: all scenarios passed in $(elapsed "$start")s"
