# NetBox 4 itself as the judge of what breakglass wrote: the NetBox installed by
# tests/judges/install_netbox.sh (/var/cache/breakglass/netbox-venv), its settings
# (netbox.settings, with netbox_configuration.py beside this file), on a PostgreSQL database.
#
#   netbox_judge.py URL restore   NetBox's migrated, empty schema into the empty database URL
#                                 (from the dump install_netbox.sh made; psql loads it)
#   netbox_judge.py URL batch     JSON lines on stdin, one answer a line, in one django.setup()
#
# URL is breakglass's spelling: postgresql://user@host:port/database.
#
# batch ops:
#   {"op":"create","username":U,"password":P,"superuser":B,"active":B}
#       -> {"id":N}      (User.objects.create_user: NetBox's own hash and defaults)
#   {"op":"login","username":U,"password":P}
#       -> {"ok":B,"superuser":B|null,"matches":B,"must_update":B}
#          ok: django.contrib.auth.authenticate(request, ...) with NetBox's backends; matches and
#          must_update: check_password() and the hasher's must_update() on the stored hash,
#          read before authenticate() (which rehashes a hash that must be updated)
#   {"op":"web_login","username":U,"password":P}
#       -> {"ok":B,"status":N}   (a POST to NetBox's /login/ view through Django's test Client;
#          ok when the session then holds that user)
#   {"op":"user","username":U}
#       -> {"found":B,"superuser":B,"active":B,"usable":B,"algorithm":S,"must_update":B}
#   {"op":"admins"}        -> {"admins":[usernames]}   (is_superuser, sorted)
#   {"op":"validate","password":P} -> {"errors":[messages]}   (NetBox's password validators)
# Exit 0 with nothing on stderr on success; otherwise non-zero with the reason on stderr.
import json
import os
import subprocess
import sys
from pathlib import Path

CACHE = Path(os.environ.get("BREAKGLASS_NETBOX_CACHE", "/var/cache/breakglass/netbox"))
DUMP = CACHE / "schema.sql"


def fail(message):
    print(f"netbox_judge: {message}", file=sys.stderr)
    sys.exit(1)


def restore(url):
    if not DUMP.is_file():
        fail(f"no {DUMP}: run tests/judges/install_netbox.sh first")
    subprocess.run(
        ["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-f", str(DUMP), url],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def setup(url):
    os.environ["NETBOX_JUDGE_DATABASE"] = url
    os.environ["NETBOX_CONFIGURATION"] = "netbox_configuration"
    os.environ["DJANGO_SETTINGS_MODULE"] = "netbox.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import django

    django.setup()


def stored_state(user):
    from django.contrib.auth.hashers import identify_hasher, is_password_usable

    usable = is_password_usable(user.password)
    hasher = identify_hasher(user.password) if usable else None
    return {
        "usable": usable,
        "algorithm": hasher.algorithm if hasher else None,
        "must_update": bool(hasher and hasher.must_update(user.password)),
    }


def answer(op):
    from django.contrib.auth import authenticate, get_user_model
    from django.contrib.auth.hashers import check_password
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.test import Client, RequestFactory

    users = get_user_model().objects
    kind = op["op"]
    if kind == "create":
        user = users.create_user(
            op["username"],
            password=op["password"],
            is_superuser=op.get("superuser", False),
            is_active=op.get("active", True),
        )
        return {"id": user.pk}
    if kind == "login":
        before = users.filter(username=op["username"]).first()
        # With a request, as NetBox's login form calls it (its failed-login signal reads it).
        request = RequestFactory().post("/login/")
        found = authenticate(request, username=op["username"], password=op["password"])
        return {
            "ok": found is not None,
            "superuser": found.is_superuser if found else None,
            "matches": bool(before and check_password(op["password"], before.password)),
            "must_update": bool(before and stored_state(before)["must_update"]),
        }
    if kind == "web_login":
        client = Client()
        response = client.post(
            "/login/", {"username": op["username"], "password": op["password"]}
        )
        session_user = client.session.get("_auth_user_id")
        user = users.filter(username=op["username"]).first()
        return {
            "ok": user is not None and session_user == str(user.pk),
            "status": response.status_code,
        }
    if kind == "user":
        user = users.filter(username=op["username"]).first()
        if user is None:
            return {"found": False}
        return {
            "found": True,
            "superuser": user.is_superuser,
            "active": user.is_active,
            **stored_state(user),
        }
    if kind == "admins":
        names = users.filter(is_superuser=True).values_list("username", flat=True)
        return {"admins": sorted(names)}
    if kind == "validate":
        try:
            validate_password(op["password"])
            return {"errors": []}
        except ValidationError as error:
            return {"errors": list(error.messages)}
    fail(f"unknown op {kind!r}")


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("restore", "batch"):
        fail("usage: netbox_judge.py URL restore|batch")
    url, mode = sys.argv[1], sys.argv[2]
    if mode == "restore":
        restore(url)
        return
    setup(url)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(answer(json.loads(line))), flush=True)


main()
