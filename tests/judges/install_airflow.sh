#!/usr/bin/env bash
# Installs Apache Airflow 3.3 with the FAB auth manager (PyPI apache-airflow and
# apache-airflow-providers-fab, with the PostgreSQL drivers psycopg2 and asyncpg) into a virtualenv under
# /var/cache/breakglass for airflow_judge.py, once: it does nothing when the venv imports them.
# Python 3.11 (the system's python3). Quiet; exits 0 when the judge can run.
set -euo pipefail

venv=/var/cache/breakglass/airflow-3.3-venv
airflow='apache-airflow==3.3.2'
fab='apache-airflow-providers-fab==3.10.2'

ready() {
  "$venv/bin/python" -c 'import airflow, airflow.providers.fab, psycopg2, asyncpg' >/dev/null 2>&1
}

ready && exit 0

echo "install_airflow.sh: making $venv ($airflow, $fab)"
mkdir -p /var/cache/breakglass
rm -rf "$venv"
python3 -m venv "$venv"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$venv/bin/pip" install --quiet "$airflow" "$fab" psycopg2-binary asyncpg >"$log" 2>&1 || {
  tail -n 40 "$log" >&2
  exit 1
}
ready || { echo "install_airflow.sh: Airflow installed but does not import" >&2; exit 1; }
