"""Airflow 3 itself, with its FAB auth manager, as the judge of what breakglass wrote.

    airflow_judge.py URL migrate
    airflow_judge.py URL users-create NAME PASSWORD ROLE EMAIL
    airflow_judge.py URL batch          (JSON lines on stdin, one JSON line out for each)

URL is breakglass's spelling (sqlite:////path, postgresql://user@host:port/db?options=...).
AIRFLOW_HOME must name a directory of the test's own. migrate and users-create run Airflow's own
CLI (`airflow db migrate`, `airflow fab-db migrate`, `airflow users create`); batch boots the FAB
auth manager's application builder once and answers:
  {"op": "login", "user": U, "password": P}  -> {"ok", "username", "admin"}: auth_user_db
  {"op": "user", "user": U}                  -> {"found", "active", "admin", "roles"}
  {"op": "admins"}                           -> {"admins": [...]}: active or not, as FAB lists them
  {"op": "deactivate", "user": U}            -> {"ok"}: the user edited and saved through FAB
Admin = holding AUTH_ROLE_ADMIN among the roles FAB's get_user_roles gives (groups included).
"""
import json
import logging
import os
import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlparse


def sqlalchemy_url(url):
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = unquote(parsed.path)
        if path.startswith("//"):
            path = path[1:]
        return "sqlite:///" + path
    if parsed.scheme.startswith("postgres"):
        query = parse_qs(parsed.query)
        tail = ""
        if "options" in query:
            tail = "?options=" + query["options"][0].replace(" ", "%20").replace("=", "%3D")
        return f"postgresql+psycopg2://{parsed.netloc}{parsed.path}{tail}"
    raise SystemExit(f"Airflow 3 supports no database at {parsed.scheme} here")


def airflow(*args):
    """Airflow's own CLI, from the same virtualenv as this interpreter."""
    program = os.path.join(os.path.dirname(sys.executable), "airflow")
    done = subprocess.run([program, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"airflow {args[0]} {args[1]} failed")


def batch():
    # Airflow's logging writes warnings to stdout: the answers get the real stdout of their own.
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    from airflow.providers.fab.auth_manager.cli_commands.utils import get_application_builder

    with get_application_builder() as appbuilder:
        sm = appbuilder.sm
        admin_role = sm.auth_role_admin

        def is_admin(user):
            return any(role.name == admin_role for role in sm.get_user_roles(user))

        def answer(op):
            if op["op"] == "login":
                user = sm.auth_user_db(op["user"], op["password"], rotate_session_id=False)
                if user is None:
                    return {"ok": False}
                return {"ok": True, "username": user.username, "admin": is_admin(user)}
            if op["op"] == "user":
                user = sm.find_user(username=op["user"])
                if user is None:
                    return {"found": False}
                roles = sorted(role.name for role in sm.get_user_roles(user))
                return {"found": True, "active": bool(user.is_active), "admin": is_admin(user),
                        "roles": roles}
            if op["op"] == "admins":
                return {"admins": sorted(u.username for u in sm.get_all_users() if is_admin(u))}
            if op["op"] == "deactivate":
                user = sm.find_user(username=op["user"])
                user.active = False
                return {"ok": sm.update_user(user) is not False}
            raise SystemExit(f"unknown op {op['op']}")

        for line in sys.stdin:
            print(json.dumps(answer(json.loads(line))), file=answers, flush=True)
            sm.session.expire_all()


def main():
    url, command, *args = sys.argv[1:]
    os.environ.update({
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": sqlalchemy_url(url),
        "AIRFLOW__CORE__AUTH_MANAGER":
            "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    })
    if command == "migrate":
        airflow("db", "migrate")
        airflow("fab-db", "migrate")
    elif command == "users-create":
        name, password, role, email = args
        airflow("users", "create", "--username", name, "--password", password, "--role", role,
                "--email", email, "--firstname", name, "--lastname", "Judge")
    elif command == "batch":
        logging.disable(logging.CRITICAL)
        batch()
    else:
        raise SystemExit(f"unknown command {command}")


main()
