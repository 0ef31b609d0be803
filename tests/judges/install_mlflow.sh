#!/usr/bin/env bash
# Installs MLflow's basic-auth server code for mlflow_judge.py, once, into a virtualenv at
# /var/cache/breakglass/mlflow-venv: mlflow-skinny (no pandas) with what its auth
# store needs (flask, flask-wtf, sqlalchemy, alembic) and the drivers its URLs name on
# PostgreSQL and MariaDB (psycopg, pymysql). The auth module imports MLflow's FastAPI app, whose
# gateway providers need aiohttp and numpy, which mlflow-skinny does not declare. Does nothing
# when the venv already imports them, at the release below.
# Exits 0 when the judge can run.
set -euo pipefail

venv=/var/cache/breakglass/mlflow-venv
# The release profiles/mlflow.toml names in judged_by.
release=3.18.0

ready() {
  "$venv/bin/python" -c "import mlflow.server.auth.sqlalchemy_store, flask_wtf, psycopg, pymysql, mlflow
assert mlflow.__version__ == '$release'" >/dev/null 2>&1
}

ready && exit 0

echo "install_mlflow.sh: making $venv (mlflow-skinny $release, flask, flask-wtf, sqlalchemy, alembic, aiohttp, numpy, psycopg, pymysql)"
mkdir -p "$(dirname "$venv")"
[ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "mlflow-skinny==$release" flask flask-wtf sqlalchemy alembic aiohttp numpy 'psycopg[binary]' pymysql
ready || { echo "install_mlflow.sh: installed, but MLflow's auth store does not import in $venv" >&2; exit 1; }
"$venv/bin/python" -c 'import mlflow; print("install_mlflow.sh: mlflow-skinny", mlflow.__version__)'
