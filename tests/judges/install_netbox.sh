#!/usr/bin/env bash
# Installs NetBox 4 for netbox_judge.py, once, and reuses it: PyPI's `netbox` (4.x, with the
# Django it pins) and psycopg into a virtualenv, /var/cache/breakglass/netbox-venv, on pyenv's
# Python 3.12 or 3.13 (NetBox refuses anything older); then NetBox's ~300 migrations, run once
# on a scratch database of the PostgreSQL server at BREAKGLASS_TEST_POSTGRES_URL, dumped to
# /var/cache/breakglass/netbox/schema.sql (the judge restores it into each test's database).
# The configuration is tests/judges/netbox_configuration.py. Needs the PostgreSQL server up
# and pg_dump; no stdin; prints what it does; does nothing when the venv and the dump are there.
set -euo pipefail

root=/var/cache/breakglass
venv=$root/netbox-venv
cache=$root/netbox
judges=$(cd "$(dirname "$0")" && pwd)
server=${BREAKGLASS_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}
mkdir -p "$cache"
exec 9>"$root/.install_netbox.lock"
flock 9

fail() { echo "install_netbox.sh: $*" >&2; exit 1; }

venv_ready() { "$venv/bin/python" -c 'import netbox.settings_utils, django, psycopg' >/dev/null 2>&1; }

if ! venv_ready; then
  python=
  pyenv_root=${PYENV_ROOT:-$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")}
  for candidate in "$pyenv_root"/versions/3.1[23].*/bin/python; do
    [ -x "$candidate" ] && python=$candidate && break
  done
  [ -n "$python" ] || fail "no Python 3.12 or 3.13 under pyenv (NetBox 4 needs one)"
  echo "NetBox: a virtualenv on $python in $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'netbox>=4,<5' 'psycopg[binary]' \
    || fail "pip install netbox failed"
  venv_ready || fail "NetBox installed but does not import"
fi
version=$("$venv/bin/pip" show netbox 2>/dev/null | sed -n 's/^Version: //p')

# The dump is made by the NetBox that is installed; a new release makes it again.
if [ "$(cat "$cache/schema.version" 2>/dev/null)" != "$version" ] || [ ! -s "$cache/schema.sql" ]; then
  scratch=breakglass_netbox_migrate
  admin_db() { psql -q -X -v ON_ERROR_STOP=1 "$server" -c "$1" >/dev/null; }
  admin_db "DROP DATABASE IF EXISTS $scratch WITH (FORCE)"
  admin_db "CREATE DATABASE $scratch"
  trap 'admin_db "DROP DATABASE IF EXISTS $scratch WITH (FORCE)"' EXIT
  url="${server%/*}/$scratch"
  echo "NetBox $version: its migrations on $scratch (minutes), dumped to $cache/schema.sql"
  log=$(mktemp)
  PYTHONPATH=$judges NETBOX_CONFIGURATION=netbox_configuration NETBOX_JUDGE_DATABASE=$url \
    "$venv/bin/netbox" migrate --no-input >"$log" 2>&1 || { tail -n 40 "$log" >&2; rm -f "$log"; fail "netbox migrate failed"; }
  rm -f "$log"
  pg_dump --no-owner --no-privileges --file "$cache/schema.sql.new" "$url"
  mv "$cache/schema.sql.new" "$cache/schema.sql"
  echo "$version" >"$cache/schema.version"
fi
echo "NetBox $version ready ($venv, $cache/schema.sql)"
