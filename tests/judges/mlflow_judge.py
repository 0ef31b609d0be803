"""MLflow's basic-auth server code as a judge for tests/mlflow.rs.

    mlflow_judge.py DATABASE_URL

DATABASE_URL is breakglass's spelling (sqlite:////path, postgresql://..., mysql://...). Reads
one JSON operation a line on stdin and answers each with one JSON line, all through MLflow's
own module `mlflow.server.auth` (its global store, as the server uses it):

  {"op": "bootstrap", "username", "password"}      create_admin_user, as the server's first start
  {"op": "create", "username", "password", "is_admin"}
  {"op": "login", "username", "password"}          the server's basic-auth decision
  {"op": "admins"}                                 the users whose is_admin is set
  {"op": "user", "username"}                       get_user: is_admin and password_hash
  {"op": "hash", "password", "method"}             werkzeug's generate_password_hash
  {"op": "check", "password", "hash"}              werkzeug's check_password_hash

The store is opened first with SqlAlchemyStore.init_db, which runs MLflow's auth migrations on a
database that lacks them. A refusal by MLflow is an answer ({"error": ...}), not a failure.
"""

import json
import logging
import sys
import warnings

warnings.simplefilter("ignore")
logging.disable(logging.WARNING)

from mlflow.exceptions import MlflowException  # noqa: E402
from mlflow.server import auth  # noqa: E402
from werkzeug.security import check_password_hash, generate_password_hash  # noqa: E402


def sqlalchemy_url(url):
    """The driver MLflow's docs name for each engine; SQLite's URL is the same."""
    for scheme, driver in (("postgresql://", "postgresql+psycopg://"), ("mysql://", "mysql+pymysql://")):
        if url.startswith(scheme):
            return driver + url[len(scheme):]
    return url


def login(username, password):
    store = auth.store
    return store.authenticate_user(username, password) and not auth._is_disabled_legacy_admin_login(
        username, password
    )


def answer(op):
    kind = op["op"]
    if kind == "bootstrap":
        auth.create_admin_user(op["username"], op["password"])
        return {"ok": True}
    if kind == "create":
        user = auth.store.create_user(op["username"], op["password"], is_admin=op.get("is_admin", False))
        return {"id": user.id}
    if kind == "login":
        return {"ok": bool(login(op["username"], op["password"]))}
    if kind == "admins":
        return {"admins": sorted(user.username for user in auth.store.list_users() if user.is_admin)}
    if kind == "user":
        user = auth.store.get_user(op["username"])
        return {"is_admin": bool(user.is_admin), "password_hash": user.password_hash}
    if kind == "hash":
        return {"hash": generate_password_hash(op["password"], method=op.get("method", "scrypt"))}
    if kind == "check":
        return {"ok": check_password_hash(op["hash"], op["password"])}
    raise SystemExit(f"mlflow_judge.py: unknown op {kind!r}")


def main():
    auth.store.init_db(sqlalchemy_url(sys.argv[1]))
    for line in sys.stdin:
        if not line.strip():
            continue
        op = json.loads(line)
        try:
            result = answer(op)
        except (MlflowException, ValueError) as error:
            result = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(result), flush=True)


main()
