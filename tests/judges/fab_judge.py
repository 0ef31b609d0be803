"""Flask-AppBuilder itself as the judge of what breakglass wrote: an app whose AppBuilder makes
the security tables and the Admin and Public roles on the database breakglass edits.

    fab_judge.py URL COMMAND [ARGS...]

URL is breakglass's spelling (sqlite:////path, postgresql://user@host:port/db?options=...,
mysql://user@host:port/db, through PyMySQL). Commands: init; create-user NAME PASSWORD [ROLE];
group-admin NAME (puts the user in a group holding the Admin role); authenticate NAME PASSWORD (auth_user_db:
prints ok ROLES or refused); admins (JSON list: users holding the Admin role, by the
framework's own get_user_roles, groups included); make-hash METHOD (password on stdin); check-hash ENCODED (password
on stdin; prints true or false); drop-role NAME.
"""
import json
import logging
import sys
from urllib.parse import parse_qs, unquote, urlparse

from flask import Flask
from flask_appbuilder import AppBuilder
from flask_appbuilder.utils.legacy import get_sqla_class
from werkzeug.security import check_password_hash, generate_password_hash

logging.disable(logging.CRITICAL)


def configure(app, url):
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = unquote(parsed.path)
        if path.startswith("//"):
            path = path[1:]
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + path
        return
    query = parse_qs(parsed.query)
    netloc = parsed.netloc
    if parsed.scheme.startswith("mysql"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"mysql+pymysql://{netloc}{parsed.path}"
        return
    app.config["SQLALCHEMY_DATABASE_URI"] = f"postgresql+psycopg://{netloc}{parsed.path}"
    if "options" in query:
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "connect_args": {"options": query["options"][0]}
        }


def main():
    url, command, *args = sys.argv[1:]
    if command == "make-hash":
        print(generate_password_hash(sys.stdin.read(), method=args[0]))
        return
    if command == "check-hash":
        print("true" if check_password_hash(args[0], sys.stdin.read()) else "false")
        return
    app = Flask("judge")
    app.config["SECRET_KEY"] = "judge"
    app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False
    configure(app, url)
    db = get_sqla_class()()
    db.init_app(app)
    with app.app_context():
        appbuilder = AppBuilder(app, db.session)
        sm = appbuilder.sm
        if command == "init":
            pass
        elif command == "create-user":
            role = sm.find_role(args[2] if len(args) > 2 else "Public")
            name = args[0]
            user = sm.add_user(name, name, "User", f"{name}@example.com", role, args[1])
            assert user, "add_user failed"
        elif command == "authenticate":
            user = sm.auth_user_db(args[0], args[1])
            if user is None:
                print("refused")
            else:
                roles = {role.name for role in sm.get_user_roles(user)}
                print("ok " + ",".join(sorted(roles)))
        elif command == "admins":
            admin = app.config.get("AUTH_ROLE_ADMIN", "Admin")
            names = sorted(
                user.username
                for user in sm.get_all_users()
                if any(role.name == admin for role in sm.get_user_roles(user))
            )
            print(json.dumps(names))
        elif command == "group-admin":
            user = sm.find_user(username=args[0])
            group = sm.add_group("ops", "Ops", "operators", roles=[sm.find_role("Admin")], users=[user])
            assert group, "add_group failed"
        elif command == "drop-role":
            role = sm.find_role(args[0])
            db.session.delete(role)
            db.session.commit()
        else:
            raise SystemExit(f"unknown command {command}")


main()
