#!/usr/bin/env bash
# Acceptance against the real ContextForge gateway (PyPI mcp-contextforge-gateway, 1.0.7 unless
# GATEWAY_VERSION says another; 1.0.8 and later run from the trixie root, see lib.sh): the gateway
# creates its own database, breakglass and the gateway itself put admins into each state, and
# the gateway's login API must answer as intended: as breakglass's changes mean, and as
# doctor predicts; every fix doctor prints, run as printed, must let its admin in.
# Runs on SQLite and on PostgreSQL.
#
# usage: [GATEWAY_VERSION=1.1.0] tests/gateway/acceptance.sh BREAKGLASS_BINARY [POSTGRES_URL]
set -euo pipefail

breakglass=$(realpath "$1")
postgres=${2:-}
port=${GATEWAY_PORT:-}
work=$(mktemp -d)
# shellcheck source=tests/gateway/lib.sh
. "$(dirname "$0")/lib.sh"

cleanup() {
  stop_gateway
  rm -rf "$work"
}
trap cleanup EXIT
install_gateway
echo "gateway $GATEWAY_VERSION"

# From 1.0.8 the gateway refuses to start without a strong JWT_SECRET_KEY and
# AUTH_ENCRYPTION_SECRET (32 characters or more, not weak, not of low entropy); from 1.0.10
# also with a weak PLATFORM_ADMIN_PASSWORD or DEFAULT_USER_PASSWORD. From 1.0.11 it lets the
# bootstrap admin in at once unless those two are equal, and refuses local login to a user
# whose password_hash is NULL or whose password_hash_type is 'none'.
jwt_secret=breakglass-acceptance-secret-key-0123456789abcdef
secrets_env=
if release_at_least "$GATEWAY_VERSION" 1.0.8; then
  jwt_secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
  secrets_env="AUTH_ENCRYPTION_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
fi
bootstrap_password=changeme
bootstrap_env="PLATFORM_ADMIN_PASSWORD=changeme"
if release_at_least "$GATEWAY_VERSION" 1.0.10; then
  bootstrap_password='Bootstrap-Admin-Pass-2026!'
  bootstrap_env="PLATFORM_ADMIN_PASSWORD=$bootstrap_password
DEFAULT_USER_PASSWORD=Default-User-Pass-2026-Unused!"
fi
bootstrap_login=403
local_password_optional=false
if release_at_least "$GATEWAY_VERSION" 1.0.11; then
  bootstrap_login=200
  local_password_optional=true
fi

write_env() {
  cat >"$work/.env" <<ENV
DATABASE_URL=$1
PLATFORM_ADMIN_EMAIL=admin@example.com
$bootstrap_env
$secrets_env
JWT_SECRET_KEY=$jwt_secret
AUTH_REQUIRED=true
EMAIL_AUTH_ENABLED=true
MCPGATEWAY_UI_ENABLED=false
CACHE_TYPE=memory
RATE_LIMITING_ENABLED=false
PROTECT_ALL_ADMINS=$2
LOG_LEVEL=ERROR
ENV
}

doctor_json() { (cd "$work" && "$breakglass" -q doctor -o json || [ $? -eq 10 ]); }

# doctor's verdict on one admin, as "can_log_in change_required fix|- after_fix|-".
doctor_says() {
  doctor_json | jq -r --arg email "$1" \
    '.admins[] | select(.email == $email) | "\(.can_log_in) \(.change_required) \(.fix // "-" | gsub(" "; "_")) \(.after_fix // "-")"'
}

# verify with the right password, list-admins and doctor give one judgement of the login
# (list-admins does not try DEFAULT_USER_PASSWORD, so only its can_log_in is compared).
judged_alike() {
  local email=$1 password=$2 what=$3 can=$4 change=$5 verified code=0 listed
  verified=$(printf '%s\n' "$password" | (cd "$work" && "$breakglass" -q verify "$email" --password-stdin -o json)) || code=$?
  [ "$(jq -r '"\(.can_log_in) \(.change_required)"' <<<"$verified")" = "$can $change" ] \
    || fail "$what: verify judged $(jq -c '{login, blocked_by}' <<<"$verified"), doctor can_log_in=$can change_required=$change"
  [ "$code" = "$([ "$can" = true ] && echo 0 || echo 6)" ] || fail "$what: verify exited $code with can_log_in=$can"
  listed=$( (cd "$work" && "$breakglass" -q list-admins --all-users -o json) | jq -r --arg email "$email" '.[] | select(.email == $email) | .can_log_in')
  [ "$listed" = "$can" ] || fail "$what: list-admins can_log_in=$listed, doctor $can"
  echo "ok   $what: verify ($(jq -r .login <<<"$verified"), exit $code) and list-admins agree with doctor"
}

# reset EMAIL PASSWORD FLAGS…, whose own check before the commit must judge the login WANT.
reset_judged() {
  local want=$1 email=$2 password=$3 judged
  shift 3
  judged=$(printf '%s\n' "$password" | bg reset "$email" --password-stdin -o json "$@" | jq -r .login)
  [ "$judged" = "$want" ] || fail "reset $*: its check judged the login $judged, expected $want"
}

# Checks doctor's prediction for EMAIL against the gateway's answer to its right PASSWORD:
# can log in -> 200, or 403 demanding a change; cannot -> 401. Then, with FIX_PASSWORD set,
# runs the printed fix as printed (the new password typed on stdin for a reset) and checks
# that the login answers what the fix said.
expect_doctor() {
  local email=$1 password=$2 what=$3 verdict can change fix after want
  verdict=$(doctor_says "$email")
  [ -n "$verdict" ] || fail "doctor does not list $email"
  read -r can change fix after <<<"$verdict"
  case "$can $change" in
    "true false") want=200 ;;
    "true true") want=403 ;;
    *) want=401 ;;
  esac
  expect_login "$want" "$email" "$password" "doctor ($what: can_log_in=$can change_required=$change)"
  judged_alike "$email" "$password" "$what" "$can" "$change"
  if [ "$want" = 403 ]; then
    grep -qi 'change' "$work/login.json" || fail "$what: the 403 is not the change demand"
  fi
  if [ -n "${FIX_PASSWORD:-}" ]; then
    [ "$fix" != - ] || fail "$what: doctor printed no fix"
    fix=${fix//_/ }
    local -a words
    read -r -a words <<<"$fix"
    [ "${words[0]}" = breakglass ] || fail "$what: the fix is not a breakglass command: $fix"
    if [ "${words[1]}" = reset ]; then
      printf '%s\n' "$FIX_PASSWORD" | bg "${words[@]:1}" --password-stdin >/dev/null
      password=$FIX_PASSWORD
    else
      bg "${words[@]:1}" >/dev/null
    fi
    expect_login "$after" "$email" "$password" "the fix as printed: $fix"
  fi
}

sql() {
  if [ "$1" = postgres ]; then
    psql -q -v ON_ERROR_STOP=1 "$postgres_db" -c "$2" >/dev/null
  else
    python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$work/mcp.db" "$2"
  fi
}

# breakglass names the release in its banner and doctor's report (1.0.9 and 1.0.10 share a
# head and are named together), and warns of no start-up refusal: this gateway started.
expect_release() {
  local banner report named
  banner=$(cd "$work" && "$breakglass" list-admins 2>&1 >/dev/null)
  grep -qE "\(gateway ([0-9.]+ or )?${GATEWAY_VERSION//./\\.}( or [0-9.]+)?\)" <<<"$banner" \
    || fail "the banner does not name gateway $GATEWAY_VERSION: $banner"
  report=$(doctor_json)
  named=$(jq -r .release <<<"$report")
  grep -qE "(^| )${GATEWAY_VERSION//./\\.}( |$)" <<<"$named" || fail "doctor names the release $named"
  if jq -e '.warnings[] | select(test("refuses to start"))' <<<"$report" >/dev/null; then
    fail "doctor says a gateway that started refuses to start: $(jq -c .warnings <<<"$report")"
  fi
  echo "ok   release: ${banner#*revision }"
}

scenario() {
  local label=$1 database_url=$2 engine=$3
  echo "== $label"
  write_env "$database_url" false
  start_gateway
  local admin=admin@example.com first='Recovered-Root-Pass-2026!' second='Second-Recovery-Pass-2026!'
  expect_release
  expect_login "$bootstrap_login" "$admin" "$bootstrap_password" "bootstrap admin's first login"
  expect_doctor "$admin" "$bootstrap_password" "the bootstrap admin"

  reset_judged logs_in "$admin" "$first" --no-must-change
  expect_login 200 "$admin" "$first" "reset --no-must-change"

  reset_judged must_change_password "$admin" "$second" --must-change
  expect_login 403 "$admin" "$second" "reset --must-change"
  expect_doctor "$admin" "$second" "must change (breakglass)"
  bg clear-change-flag "$admin" >/dev/null
  expect_login 200 "$admin" "$second" "clear-change-flag"

  for _ in 1 2 3 4 5; do login "$admin" 'Wrong-Password-1!' >/dev/null; done
  expect_login 401 "$admin" "$second" "locked after 5 failures (PROTECT_ALL_ADMINS=false)"
  printf '%s\n' "$second" | (cd "$work" && "$breakglass" -q verify "$admin" --password-stdin >/dev/null) \
    && fail "verify should predict the lockout" || [ $? -eq 6 ] || fail "verify exit code"
  expect_doctor "$admin" "$second" "locked by the gateway"
  bg unlock "$admin" >/dev/null
  expect_login 200 "$admin" "$second" "unlock"

  bg deactivate "$admin" --force >/dev/null
  expect_login 401 "$admin" "$second" "deactivate"
  # Right after a deactivation the re-activation guard refuses (old sessions would come back).
  printf '%s\n' 'Third-Recovery-Pass-2026!!' | bg reset "$admin" --password-stdin --activate --no-must-change >/dev/null \
    && fail "reset --activate right after deactivate should be refused" || [ $? -eq 8 ] || fail "reset --activate exit code"
  # doctor knows: its fix carries --force and says which sessions come back with it.
  doctor_json | jq -e --arg email "$admin" '.admins[] | select(.email == $email) | .fix_note | test("come back")' >/dev/null \
    || fail "doctor's fix does not say that old sessions come back"
  FIX_PASSWORD='Third-Recovery-Pass-2026!!' expect_doctor "$admin" "$second" "inactive (breakglass)"
  bg clear-change-flag "$admin" >/dev/null
  expect_login 200 "$admin" 'Third-Recovery-Pass-2026!!' "clear-change-flag after the fix"

  # A lock the gateway makes, lifted by the fix doctor prints.
  for _ in 1 2 3 4 5; do login "$admin" 'Wrong-Password-1!' >/dev/null; done
  FIX_PASSWORD=unused expect_doctor "$admin" 'Third-Recovery-Pass-2026!!' "locked again (fix: unlock)"

  # A new admin from nothing: the gateway asks it to change its password first, or lets it in.
  printf '%s\n' 'Fresh-Admin-Pass-2026-Created!' | bg create-admin new.admin@example.com --password-stdin >/dev/null
  expect_login 403 new.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "create-admin (must change at first login)"
  grep -qi 'change' "$work/login.json" || fail "the 403 is not the password-change demand: $(head -c 300 "$work/login.json")"
  expect_doctor new.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "created, must change"
  printf '%s\n' 'Fresh-Admin-Pass-2026-Created!' | bg create-admin Other.Admin@Example.com --password-stdin --no-must-change >/dev/null
  expect_login 200 other.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "create-admin --no-must-change"
  grep -q '"is_admin": *true' "$work/login.json" || fail "the gateway does not see the created admin as an admin: $(head -c 300 "$work/login.json")"

  # No local password: 1.1 refuses it (fix: reset), 1.0.7 ignores password_hash_type.
  sql "$engine" "UPDATE email_users SET password_hash_type = 'none' WHERE email = 'other.admin@example.com'"
  if [ "$local_password_optional" = true ]; then
    FIX_PASSWORD='Fourth-Recovery-Pass-2026!' expect_doctor other.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "password_hash_type='none'"
    sql "$engine" "UPDATE email_users SET password_hash = NULL WHERE email = 'other.admin@example.com'"
    FIX_PASSWORD='Fifth-Recovery-Pass-2026!' expect_doctor other.admin@example.com 'Fourth-Recovery-Pass-2026!' "password_hash NULL"
  else
    expect_doctor other.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "password_hash_type='none' (ignored)"
  fi

  # The password's age counts on PostgreSQL only.
  if [ "$engine" = postgres ]; then
    sql "$engine" "UPDATE email_users SET password_change_required = false, password_changed_at = now() - INTERVAL '100 days' WHERE email = 'new.admin@example.com'"
  else
    sql "$engine" "UPDATE email_users SET password_change_required = 0, password_changed_at = '2020-01-01 00:00:00.000000' WHERE email = 'new.admin@example.com'"
  fi
  expect_doctor new.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "password older than PASSWORD_MAX_AGE_DAYS on $engine"
  bg clear-change-flag new.admin@example.com --touch >/dev/null
  expect_login 200 new.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "clear-change-flag --touch"

  local events
  events=$(cd "$work" && "$breakglass" -q list-admins -o json)
  echo "$events" | grep -q '"email":"admin@example.com"' || fail "list-admins lost the admin"
  stop_gateway

  # PROTECT_ALL_ADMINS=true: the gateway locks the admin's row, and still lets it in.
  write_env "$database_url" true
  start_gateway
  for _ in 1 2 3 4 5; do login "$admin" 'Wrong-Password-1!' >/dev/null; done
  bg list-admins --locked -o json | grep -q '"lockout_exempt":true' || fail "the gateway did not lock the exempt admin's row"
  expect_doctor "$admin" 'Third-Recovery-Pass-2026!!' "locked but exempt (PROTECT_ALL_ADMINS=true)"
  stop_gateway
}

scenario "SQLite, gateway $GATEWAY_VERSION" "sqlite:///./mcp.db" sqlite

if [ -n "$postgres" ]; then
  database="bg_gateway_$$"
  trap 'psql -q "$postgres" -c "DROP DATABASE IF EXISTS '"$database"' WITH (FORCE)" >/dev/null 2>&1; cleanup' EXIT
  postgres_db=$(postgres_database "$postgres" "$database")
  scenario "PostgreSQL, gateway $GATEWAY_VERSION" "$(gateway_url "$postgres_db")" postgres
fi
echo "gateway $GATEWAY_VERSION acceptance: all scenarios passed"
