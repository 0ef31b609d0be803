#!/usr/bin/env bash
# Shared by the scripts that judge breakglass with the real ContextForge gateway: installing a
# release once (reused across runs), starting and stopping it, and logging in through its API.
# The sourcing script sets: breakglass (the binary), work (a scratch directory holding .env and
# the SQLite file); and may set GATEWAY_VERSION (default 1.0.7) and port (default: a free one).
#
# Each release lives in its own venv under $GATEWAY_CACHE (default /var/cache/breakglass), made
# once and reused: gateway-VERSION for the releases that run on the host's Python (3.11), and
# for 1.0.8 and later, which need Python >= 3.12 (their Requires-Python), a Debian trixie root
# (trixie-root, Python 3.13) made by debootstrap from the mirror apt uses, with the venv inside
# it at /opt/gateway-VERSION.

GATEWAY_VERSION=${GATEWAY_VERSION:-1.0.7}
GATEWAY_CACHE=${GATEWAY_CACHE:-/var/cache/breakglass}
trixie_root=$GATEWAY_CACHE/trixie-root
gateway_pid=
gateway_mounts=()

fail() { echo "FAIL: $*" >&2; [ -f "$work/gateway.log" ] && tail -20 "$work/gateway.log" >&2; exit 1; }

# Releases that need Python >= 3.12 (1.0.8 and later) run inside the trixie root.
needs_trixie() { case "$1" in 1.0.[89] | 1.0.1[0-9] | 1.[1-9].*) return 0 ;; *) return 1 ;; esac; }

# Whether release $1 is $2 or later.
release_at_least() { [ "$(printf '%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }

# What pip needs beside the gateway for a release to import (measured: older releases resolve
# `mcp` to 2.x, which they cannot import; 1.0.4 also needs cpex 0.1.3).
# Printed on one line, for `read -a`.
gateway_requirements() {
  local version=$1 extra=
  case "$version" in
    1.0.4) extra=" mcp<2 cpex==0.1.3" ;;
    1.0.[0-3] | 0.*) extra=" mcp<2" ;;
  esac
  echo "mcp-contextforge-gateway==$version psycopg[binary]$extra"
}

# The Debian mirror apt uses on this host (deb822 or one-line sources).
debian_mirror() {
  local url
  url=$(grep -hoE '^(URIs:[[:space:]]*|deb[[:space:]]+)[a-z]+://[^[:space:]]+/debian/?([[:space:]]|$)' \
    /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | head -1 | grep -oE '[a-z]+://[^[:space:]]+')
  echo "${url:-http://deb.debian.org/debian}"
}

# Makes the trixie root once: built beside its final place and renamed, so a half-made root is
# never reused.
install_trixie_root() {
  [ -x "$trixie_root/usr/bin/python3" ] && return 0
  command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is missing: apt-get install debootstrap"
  local partial=$trixie_root.partial
  rm -rf "$partial"
  mkdir -p "$GATEWAY_CACHE"
  debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
    trixie "$partial" "$(debian_mirror)" >"$GATEWAY_CACHE/debootstrap.log" 2>&1 \
    || fail "debootstrap of trixie failed; see $GATEWAY_CACHE/debootstrap.log"
  mv "$partial" "$trixie_root"
}

# Copies what pip inside the root needs from the host: name resolution and the CA bundle the
# host's proxy is trusted with.
refresh_trixie_root() {
  cp /etc/resolv.conf "$trixie_root/etc/resolv.conf"
  cp "${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}" "$trixie_root/etc/ssl/certs/host-ca-bundle.crt"
}

# Prints the venv directory of a release as the host sees it.
gateway_venv_dir() {
  if needs_trixie "$1"; then echo "$trixie_root/opt/gateway-$1"; else echo "$GATEWAY_CACHE/gateway-$1"; fi
}

# Installs a release (default $GATEWAY_VERSION) unless it is already there. A venv's scripts
# name their interpreter by absolute path, so it is made in place; the file .installed marks it
# complete, and an incomplete one is made again.
install_gateway() {
  local version=${1:-$GATEWAY_VERSION} venv
  venv=$(gateway_venv_dir "$version")
  [ -f "$venv/.installed" ] && return 0
  local requirements
  read -r -a requirements <<<"$(gateway_requirements "$version")"
  rm -rf "$venv"
  if needs_trixie "$version"; then
    install_trixie_root
    refresh_trixie_root
    local inside=/opt/gateway-$version
    chroot "$trixie_root" env -i PATH=/usr/bin:/bin HOME=/root PIP_CERT=/etc/ssl/certs/host-ca-bundle.crt \
      PIP_DEFAULT_TIMEOUT=180 PIP_DISABLE_PIP_VERSION_CHECK=1 sh -c \
      "python3 -m venv $inside && $inside/bin/pip install --quiet $(printf "'%s' " "${requirements[@]}")" \
      || fail "installing gateway $version in the trixie root failed"
  else
    mkdir -p "$GATEWAY_CACHE"
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet "${requirements[@]}" \
      || fail "installing gateway $version failed"
  fi
  touch "$venv/.installed"
}

# A TCP port nothing listens on now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bind_into_root() {
  local dir=$1
  mkdir -p "$trixie_root$dir"
  mount --bind "$dir" "$trixie_root$dir" || fail "cannot bind-mount $dir into $trixie_root"
  gateway_mounts=("$trixie_root$dir" "${gateway_mounts[@]}")
}

start_gateway() {
  port=${port:-$(free_port)}
  if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
    fail "something already answers on port $port; set GATEWAY_PORT to a free port"
  fi
  local venv
  venv=$(gateway_venv_dir "$GATEWAY_VERSION")
  if needs_trixie "$GATEWAY_VERSION"; then
    refresh_trixie_root
    bind_into_root /proc
    bind_into_root /dev
    bind_into_root /sys
    bind_into_root "$work"
    (cd "$work" && exec chroot "$trixie_root" env -i PATH=/usr/bin:/bin HOME=/root \
      sh -c "cd '$work' && exec /opt/gateway-$GATEWAY_VERSION/bin/mcpgateway --host 127.0.0.1 --port $port" \
      >"$work/gateway.log" 2>&1) &
  else
    (cd "$work" && exec "$venv/bin/mcpgateway" --host 127.0.0.1 --port "$port" >"$work/gateway.log" 2>&1) &
  fi
  gateway_pid=$!
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then return 0; fi
    kill -0 "$gateway_pid" 2>/dev/null || fail "gateway $GATEWAY_VERSION exited while starting"
    sleep 1
  done
  fail "gateway $GATEWAY_VERSION did not answer /health within 120s"
}

stop_gateway() {
  if [ -n "$gateway_pid" ]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
    gateway_pid=
  fi
  local mount
  for mount in "${gateway_mounts[@]}"; do umount -l "$mount" 2>/dev/null || true; done
  gateway_mounts=()
  # The scratch directory's mount point inside the root, now empty (never the root's own /proc).
  if needs_trixie "$GATEWAY_VERSION" && [ -n "${work:-}" ]; then
    rmdir "$trixie_root$work" 2>/dev/null || true
  fi
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

# A PostgreSQL database of the script's own (the caller drops it on exit), for psql: a whole
# database rather than a schema, because the gateway's migrations read the catalog, and other
# tests creating and dropping schemas in a shared database at the same time can break them.
postgres_database() {
  local postgres=$1 name=$2
  psql -q "$postgres" -c "CREATE DATABASE $name" >/dev/null
  local base=${postgres%%\?*}
  printf '%s/%s' "${base%/*}" "$name"
}

# The gateway's spelling of a PostgreSQL URL (SQLAlchemy with psycopg 3).
gateway_url() { printf '%s' "${1/postgresql:\/\//postgresql+psycopg:\/\/}"; }

# A PostgreSQL schema of the script's own, dropped on exit; prints the gateway's DATABASE_URL for it.
postgres_schema_url() {
  local postgres=$1 schema=$2
  psql -q "$postgres" -c "CREATE SCHEMA $schema" >/dev/null
  local base=${postgres/postgresql:\/\//postgresql+psycopg:\/\/}
  printf '%s?options=-c%%20search_path%%3D%s' "$base" "$schema"
}
