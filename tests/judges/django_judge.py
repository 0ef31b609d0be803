"""Django itself as the judge of what breakglass wrote: a minimal project (contenttypes, auth,
and django-axes when asked) on the database breakglass edits.

    django_judge.py URL COMMAND [ARGS...]

URL is breakglass's spelling (sqlite:////path, postgresql://user@host:port/db?options=...).
Commands: migrate; create-user NAME PASSWORD [superuser]; authenticate NAME PASSWORD (prints
ok or refused); superusers (JSON list, the framework's own query); user NAME (JSON of its
flags); make-password ALGORITHM (password on stdin); check-password ENCODED (password on
stdin; prints true or false); set-hash NAME (encoded on stdin); lock NAME (axes: failed
logins until locked); axes-locked NAME.
"""
import json
import os
import sys
from urllib.parse import parse_qs, unquote, urlparse

import django
from django.conf import settings


def database(url):
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = unquote(parsed.path)
        if path.startswith("//"):
            path = path[1:]
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parsed.scheme.startswith("postgres"):
        options = {}
        query = parse_qs(parsed.query)
        if "options" in query:
            options["options"] = query["options"][0]
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/"),
            "USER": parsed.username or "",
            "PASSWORD": parsed.password or "",
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
        }
    raise SystemExit(f"unsupported URL {url}")


def main():
    url, command, *args = sys.argv[1:]
    axes = os.environ.get("JUDGE_AXES") == "1"
    apps = ["django.contrib.contenttypes", "django.contrib.auth"]
    backends = ["django.contrib.auth.backends.ModelBackend"]
    if axes:
        apps.append("axes")
        backends.insert(0, "axes.backends.AxesStandaloneBackend")
    settings.configure(
        DATABASES={"default": database(url)},
        INSTALLED_APPS=apps,
        AUTHENTICATION_BACKENDS=backends,
        USE_TZ=True,
        SECRET_KEY="judge",
        AXES_FAILURE_LIMIT=3,
        AXES_LOCKOUT_PARAMETERS=["username"],
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
            "django.contrib.auth.hashers.BCryptPasswordHasher",
            "django.contrib.auth.hashers.ScryptPasswordHasher",
        ],
    )
    django.setup()
    from django.contrib.auth import authenticate, get_user_model
    from django.contrib.auth.hashers import check_password, make_password
    from django.core.management import call_command
    from django.test import RequestFactory

    User = get_user_model()

    def request():
        return RequestFactory().post("/login/", REMOTE_ADDR="10.0.0.1")

    if command == "migrate":
        call_command("migrate", verbosity=0)
    elif command == "create-user":
        name, password = args[0], args[1]
        if len(args) > 2 and args[2] == "superuser":
            User.objects.create_superuser(name, f"{name}@example.com", password)
        else:
            User.objects.create_user(name, f"{name}@example.com", password)
    elif command == "authenticate":
        user = authenticate(request(), username=args[0], password=args[1])
        print("ok" if user is not None else "refused")
    elif command == "superusers":
        names = User.objects.filter(is_superuser=True).order_by("username")
        print(json.dumps([user.username for user in names]))
    elif command == "user":
        user = User.objects.get(username=args[0])
        print(json.dumps({
            "is_superuser": user.is_superuser,
            "is_staff": user.is_staff,
            "is_active": user.is_active,
            "usable": user.has_usable_password(),
        }))
    elif command == "make-password":
        print(make_password(sys.stdin.read(), None, args[0]))
    elif command == "check-password":
        print("true" if check_password(sys.stdin.read(), args[0]) else "false")
    elif command == "set-hash":
        User.objects.filter(username=args[0]).update(password=sys.stdin.read().strip())
    elif command == "lock":
        for _ in range(3):
            authenticate(request(), username=args[0], password="wrong-password")
    elif command == "axes-locked":
        from axes.models import AccessAttempt
        locked = AccessAttempt.objects.filter(username=args[0], failures_since_start__gte=3).exists()
        print("locked" if locked else "free")
    else:
        raise SystemExit(f"unknown command {command}")


main()
