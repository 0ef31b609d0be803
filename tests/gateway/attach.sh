#!/usr/bin/env bash
# --attach judged for real (issue #24): the ContextForge gateway 1.1.0 runs as a container
# (podman --rootfs on the trixie root of lib.sh, as the non-root uid 1001), and the breakglass
# image runs beside it with --pid container:GATEWAY and no environment of its own:
# `--attach auto` finds the gateway's process, and doctor, list-admins, reset --generate
# --secret-file and unlock work, judged by the gateway's own login. The image's own uid
# (65532, not the gateway's) is refused, naming the uid to use. Then the static binary copied
# in with podman cp and run with podman exec, zero flags. Twice: SQLite in the gateway's
# working directory (a volume, shared with --volumes-from), then PostgreSQL on the host
# (DATABASE_URL in the gateway's environment, not in a file).
#
# usage: tests/gateway/attach.sh IMAGE STATIC_BINARY POSTGRES_URL
# Podman is used as .ci/ship configures it (BREAKGLASS_PODMAN_HOME), where IMAGE was built.
set -euo pipefail

image=$1
static=$(realpath "$2")
postgres=$3
GATEWAY_VERSION=1.1.0
port=${GATEWAY_PORT:-}
work=$(mktemp -d /tmp/breakglass-attach.XXXXXX)
# shellcheck source=tests/gateway/lib.sh
. "$(dirname "$0")/lib.sh"

podman_home=${BREAKGLASS_PODMAN_HOME:-/var/tmp/breakglass-podman}
export CONTAINERS_CONF="$podman_home/containers.conf"
export CONTAINERS_STORAGE_CONF="$podman_home/storage.conf"
gateway_uid=1001
gateway_user=$gateway_uid:$gateway_uid
name=breakglass-attach-gateway-$$
database=

cleanup() {
  podman rm --force --time 0 "$name" >/dev/null 2>&1 || true
  [ -n "$database" ] && psql -q "$postgres" -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
install_gateway
port=${port:-$(free_port)}
app=$work/app
admin=admin@example.com
bootstrap_password='Bootstrap-Admin-Pass-2026!'

# The gateway's settings in its working directory; DATABASE_URL there only when given.
write_env() {
  mkdir -p "$app"
  {
    [ -n "$1" ] && echo "DATABASE_URL=$1"
    cat <<ENV
PLATFORM_ADMIN_EMAIL=$admin
PLATFORM_ADMIN_PASSWORD=$bootstrap_password
DEFAULT_USER_PASSWORD=Default-User-Pass-2026-Unused!
AUTH_ENCRYPTION_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
JWT_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
AUTH_REQUIRED=true
EMAIL_AUTH_ENABLED=true
MCPGATEWAY_UI_ENABLED=false
CACHE_TYPE=memory
RATE_LIMITING_ENABLED=false
PROTECT_ALL_ADMINS=false
LOG_LEVEL=ERROR
ENV
  } >"$app/.env"
  chown -R "$gateway_uid:$gateway_uid" "$app"
}

# The gateway as a container of its own: the trixie root as its root file system (:O, an
# overlay: the shared root is not written, and the bind mounts other scripts make in it are not
# seen), a /tmp of its own (without the root's lock files, owned by root), its working
# directory a volume, the host's network (for PostgreSQL on 127.0.0.1); extra podman flags first.
start_gateway_container() {
  podman run -d --name "$name" --rootfs --user "$gateway_user" \
    --tmpfs /tmp:rw,mode=1777,notmpcopyup --network host -v "$app:$app" -w "$app" "$@" \
    "$trixie_root:O" "/opt/gateway-$GATEWAY_VERSION/bin/mcpgateway" --host 127.0.0.1 --port "$port" >/dev/null
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then return 0; fi
    [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ] \
      || { podman logs "$name" | tail -20 >&2; fail "the gateway container exited while starting"; }
    sleep 1
  done
  podman logs "$name" | tail -20 >&2
  fail "the gateway container did not answer /health within 120s"
}

stop_gateway_container() {
  podman rm --force --time 5 "$name" >/dev/null
}

# The breakglass image beside the gateway: its PID namespace, its volumes, its network, no
# environment. The uid first, then breakglass's arguments.
beside() {
  local user=$1
  shift
  podman run --rm -i --pid "container:$name" --volumes-from "$name" --network "container:$name" \
    --user "$user" "$image" "$@"
}

judged() {
  local label=$1
  echo "== $label"
  local banner listed secret=$app/new-password
  beside "$gateway_user" --attach auto doctor -o json >"$work/doctor.json" \
    || fail "$label: doctor --attach auto exited $?"
  jq -e --arg admin "$admin" '.admins[] | select(.email == $admin) | .can_log_in' "$work/doctor.json" >/dev/null \
    || fail "$label: doctor does not report $admin: $(head -c 300 "$work/doctor.json")"
  echo "ok   doctor --attach auto (exit 0, $admin can log in)"

  banner=$(beside "$gateway_user" --attach auto list-admins -o json 2>&1 >"$work/admins.json") \
    || fail "$label: list-admins --attach auto: $banner"
  jq -e --arg admin "$admin" 'any(.[]; .email == $admin)' "$work/admins.json" >/dev/null \
    || fail "$label: list-admins does not list $admin"
  grep -q "attached to process [0-9]* (/opt/gateway-$GATEWAY_VERSION/bin/python3 .*), executable " <<<"$banner" \
    || fail "$label: the banner does not name the gateway's process: $banner"
  echo "ok   list-admins --attach auto; $(grep -o 'attached to .*' <<<"$banner")"

  beside "$gateway_user" --attach auto -q reset "$admin" --generate --secret-file "$secret" \
    --no-must-change --yes --reason "ci: attach" >/dev/null \
    || fail "$label: reset --generate --secret-file --attach auto"
  expect_login 200 "$admin" "$(cat "$secret")" "reset --generate --secret-file through --attach auto"

  for _ in 1 2 3 4 5; do login "$admin" 'Wrong-Password-1!' >/dev/null; done
  expect_login 401 "$admin" "$(cat "$secret")" "locked after 5 failures (PROTECT_ALL_ADMINS=false)"
  beside "$gateway_user" --attach auto -q unlock "$admin" --yes >/dev/null \
    || fail "$label: unlock --attach auto"
  expect_login 200 "$admin" "$(cat "$secret")" "unlock through --attach auto"
  rm -f "$secret"

  # The image's own uid is not the gateway's: refused, with the uid to use.
  local code=0 said
  said=$(beside 65532:65532 --attach auto doctor 2>&1 >/dev/null) || code=$?
  [ "$code" = 7 ] && grep -q "could not be read" <<<"$said" \
    || fail "$label: auto as another uid: exit $code: $said"
  code=0
  said=$(beside 65532:65532 --attach 1 doctor 2>&1 >/dev/null) || code=$?
  [ "$code" = 8 ] && grep -q "podman/docker run --user $gateway_user" <<<"$said" \
    || fail "$label: --attach 1 as another uid: exit $code: $said"
  echo "ok   as uid 65532: auto finds nothing it may read (exit 7), --attach 1 is refused (exit 8) naming --user $gateway_user"

  # The static binary copied in, zero flags: the container's environment and working directory.
  podman cp "$static" "$name:/tmp/breakglass"
  podman exec --user "$gateway_user" "$name" /tmp/breakglass -q list-admins -o json >"$work/exec.json" \
    || fail "$label: podman exec of the copied binary"
  jq -e --arg admin "$admin" 'any(.[]; .email == $admin and .can_log_in)' "$work/exec.json" >/dev/null \
    || fail "$label: the copied binary does not list $admin as able to log in"
  podman exec "$name" rm /tmp/breakglass
  echo "ok   podman cp + podman exec, zero flags: list-admins"
}

write_env sqlite:///./mcp.db
start_gateway_container
judged "SQLite in the gateway's working directory (gateway $GATEWAY_VERSION, uid $gateway_uid)"
stop_gateway_container

database=bg_attach_$$
gateway_db=$(gateway_url "$(postgres_database "$postgres" "$database")")
rm -rf "$app"
write_env ""
start_gateway_container -e "DATABASE_URL=$gateway_db"
judged "PostgreSQL on the host, DATABASE_URL in the gateway's environment (gateway $GATEWAY_VERSION)"
stop_gateway_container
echo "attach: judged by the gateway on SQLite and PostgreSQL"
