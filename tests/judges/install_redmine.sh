#!/usr/bin/env bash
# Installs Debian bookworm's Redmine 5.0 (redmine, redmine-sqlite, redmine-pgsql, redmine-mysql:
# Rails 6.1 with the sqlite3, pg and mysql2 adapters) for redmine_judge.rb, once: it does
# nothing when everything is there. dbconfig-common is told to leave databases alone
# (dbconfig-no-thanks, and the instance's dbconfig-install preseeded false), so the install
# makes no database and asks nothing. Needs root; quiet; exits 0 when the judge can run.
set -euo pipefail

packages="dbconfig-no-thanks redmine redmine-sqlite redmine-pgsql redmine-mysql"

ready() {
  local p
  for p in $packages; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || return 1
  done
  [ -f /usr/share/redmine/config/environment.rb ] || return 1
  ruby -e 'require "sqlite3"; require "pg"; require "mysql2"' >/dev/null 2>&1
}

ready && exit 0

export DEBIAN_FRONTEND=noninteractive
debconf-set-selections <<'SEL'
redmine redmine/current-instances string default
redmine redmine/instances/default/dbconfig-install boolean false
redmine redmine/instances/default/database-type select sqlite3
redmine redmine/instances/default/default-language select en
SEL
log=$(mktemp)
trap 'rm -f "$log"' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  $packages </dev/null >"$log" 2>&1 || {
    tail -n 40 "$log" >&2
    exit 1
  }
ready || { echo "install_redmine.sh: Redmine installed but its Ruby database adapters do not load" >&2; exit 1; }
