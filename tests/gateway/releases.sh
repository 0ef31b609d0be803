#!/usr/bin/env bash
# The older gateway releases that behave differently (see the release matrix in docs/gateway-releases.md), on
# SQLite: each release makes its own database, breakglass and the gateway put the bootstrap
# admin into each state, and doctor's prediction must equal that release's own login answer.
# Releases up to 0.9.0 answer a refused login with HTTP 500 "Authentication service error";
# the real answer is then read from the gateway's log ("Login error for EMAIL: 401: ...").
#
# usage: tests/gateway/releases.sh BREAKGLASS_BINARY [RELEASE...]
#        (default: 1.0.4 1.0.0 0.9.0 0.8.0 0.7.0)
set -euo pipefail

breakglass=$(realpath "$1")
shift
releases=("$@")
[ ${#releases[@]} -gt 0 ] || releases=(1.0.4 1.0.0 0.9.0 0.8.0 0.7.0)
work=$(mktemp -d)
port=
# shellcheck source=tests/gateway/lib.sh
. "$(dirname "$0")/lib.sh"

cleanup() {
  stop_gateway
  rm -rf "$work"
}
trap cleanup EXIT

# The answer the release really gave: the status, or for a 500 the status in its log line,
# or "datetime-error" for the SQLite lock trap ("can't compare offset-naive and offset-aware").
real_login() {
  local email=$1 password=$2 before status line
  before=$(grep -c "Login error for $email" "$work/gateway.log" || true)
  status=$(login "$email" "$password")
  if [ "$status" != 500 ]; then
    echo "$status"
    return
  fi
  line=$(grep "Login error for $email" "$work/gateway.log" | tail -n +"$((before + 1))" | head -1)
  case "$line" in
    *"can't compare offset-naive and offset-aware"*) echo datetime-error ;;
    *": 401: "* | *": 401:"*) echo 401 ;;
    *": 403: "* | *": 403:"*) echo 403 ;;
    *) echo "500 (log: ${line:-nothing})" ;;
  esac
}

# doctor's verdict on one admin: "can_log_in change_required first_block fix after_fix".
doctor_says() {
  (cd "$work" && "$breakglass" -q doctor -o json || [ $? -eq 10 ]) | jq -r --arg email "$1" \
    '.admins[] | select(.email == $email) |
     "\(.can_log_in) \(.change_required) \(.blocked_by[0] // "-") \(.fix // "-" | gsub(" "; "_")) \(.after_fix // "-")"'
}

# doctor's prediction for EMAIL equals the release's real answer to its right PASSWORD; with
# FIX_PASSWORD set, the printed fix is run as printed and the answer it promised is checked.
expect_doctor() {
  local email=$1 password=$2 what=$3 verdict can change block fix after want got
  verdict=$(doctor_says "$email")
  [ -n "$verdict" ] || fail "doctor does not list $email"
  read -r can change block fix after <<<"$verdict"
  case "$can $change $block" in
    "true false "*) want=200 ;;
    "true true "*) want=403 ;;
    *" lock_not_cleared") want=datetime-error ;;
    *) want=401 ;;
  esac
  got=$(real_login "$email" "$password")
  [ "$got" = "$want" ] || fail "$what: doctor predicted $want (can_log_in=$can change_required=$change $block), the gateway answered $got"
  echo "ok   $what: doctor can_log_in=$can change_required=$change, gateway $got"
  if [ -n "${FIX_PASSWORD:-}" ]; then
    [ "$fix" != - ] || fail "$what: doctor printed no fix"
    fix=${fix//_/ }
    local -a words
    read -r -a words <<<"$fix"
    if [ "${words[1]}" = reset ]; then
      printf '%s\n' "$FIX_PASSWORD" | bg "${words[@]:1}" --password-stdin >/dev/null
      password=$FIX_PASSWORD
    else
      bg "${words[@]:1}" >/dev/null
    fi
    got=$(real_login "$email" "$password")
    [ "$got" = "$after" ] || fail "$what: after '$fix' the gateway answered $got, doctor said $after"
    echo "ok   the fix as printed, '$fix': gateway $got"
  fi
}

release_scenario() {
  GATEWAY_VERSION=$1
  local started admin=admin@example.com first='Recovered-Root-Pass-2026!'
  started=$(date +%s)
  install_gateway "$GATEWAY_VERSION"
  rm -rf "${work:?}"/* "$work"/.env
  echo "== gateway $GATEWAY_VERSION (SQLite)"
  # PROTECT_ALL_ADMINS=true is ignored where the release has no such setting.
  cat >"$work/.env" <<ENV
DATABASE_URL=sqlite:///./mcp.db
PLATFORM_ADMIN_EMAIL=$admin
PLATFORM_ADMIN_PASSWORD=changeme
JWT_SECRET_KEY=breakglass-acceptance-secret-key-0123456789abcdef
AUTH_REQUIRED=true
EMAIL_AUTH_ENABLED=true
MCPGATEWAY_UI_ENABLED=false
CACHE_TYPE=memory
RATE_LIMITING_ENABLED=false
PROTECT_ALL_ADMINS=true
LOG_LEVEL=ERROR
ENV
  port=$(free_port)
  start_gateway
  local banner
  banner=$(cd "$work" && "$breakglass" list-admins 2>&1 >/dev/null)
  grep -q "(gateway $GATEWAY_VERSION)" <<<"$banner" || fail "the banner does not name the release: $banner"
  echo "ok   banner: ${banner#database: }"

  expect_doctor "$admin" changeme "the bootstrap admin's first login"

  printf '%s\n' "$first" | bg reset "$admin" --password-stdin --no-must-change >/dev/null
  expect_doctor "$admin" "$first" "reset --no-must-change"
  # The session length doctor reports is the one the release's login hands out.
  local minutes expires
  minutes=$(cd "$work" && "$breakglass" -q doctor -o json | jq -r '.settings.TOKEN_EXPIRY.value')
  expires=$(jq -r '.expires_in' "$work/login.json")
  [ "$expires" = "$((minutes * 60))" ] || fail "doctor says TOKEN_EXPIRY=$minutes minutes, the login's expires_in is $expires"
  echo "ok   TOKEN_EXPIRY: doctor $minutes minutes, the login's expires_in $expires s"

  # The gateway locks the admin after 5 failures; PROTECT_ALL_ADMINS exempts it from 1.0.
  for _ in 1 2 3 4 5; do login "$admin" 'Wrong-Password-1!' >/dev/null; done
  if [ "$(doctor_says "$admin" | cut -d' ' -f1)" = true ]; then
    expect_doctor "$admin" "$first" "locked by the gateway, exempt"
    bg unlock "$admin" >/dev/null
  else
    FIX_PASSWORD=unused expect_doctor "$admin" "$first" "locked by the gateway"
  fi

  # reset's default change demand: stored where the release has the column, said where not.
  local second='Second-Recovery-Pass-2026!' out
  out=$(printf '%s\n' "$second" | bg reset "$admin" --password-stdin 2>&1)
  expect_doctor "$admin" "$second" "reset (default: must change)"
  if (cd "$work" && "$breakglass" -q doctor -o json) | jq -e '.admins[0].change_required' >/dev/null; then
    bg clear-change-flag "$admin" >/dev/null
  else
    grep -q "gateway $GATEWAY_VERSION has no password_change_required column" <<<"$out" \
      || fail "reset did not say that no change demand can be stored: $out"
    echo "ok   reset said: no change demand can be stored"
    set +e
    out=$(bg clear-change-flag "$admin" 2>&1)
    local code=$?
    set -e
    [ $code -eq 7 ] && grep -q "gateway $GATEWAY_VERSION, revision" <<<"$out" \
      || fail "clear-change-flag should refuse (7) naming the release: $code $out"
    echo "ok   clear-change-flag refused (7): ${out#error: }"
  fi
  expect_doctor "$admin" "$second" "after the change demand is gone"

  bg deactivate "$admin" --force >/dev/null 2>&1
  FIX_PASSWORD='Third-Recovery-Pass-2026!!' expect_doctor "$admin" "$second" "deactivated by breakglass"

  printf '%s\n' 'Fresh-Admin-Pass-2026-Created!' | bg create-admin new.admin@example.com --password-stdin >/dev/null 2>&1
  expect_doctor new.admin@example.com 'Fresh-Admin-Pass-2026-Created!' "create-admin"
  stop_gateway
  echo "gateway $GATEWAY_VERSION: passed in $(($(date +%s) - started))s"
}

for release in "${releases[@]}"; do
  release_scenario "$release"
done
echo "older releases: all passed (${releases[*]})"
