# NetBox's configuration for netbox_judge.py and install_netbox.sh (NETBOX_CONFIGURATION names
# this module): the database comes from NETBOX_JUDGE_DATABASE, a postgresql:// URL; the secret
# key and the API token pepper are made afresh in each process, since the judge keeps no
# sessions or tokens between processes.
import os
import secrets
from urllib.parse import unquote, urlsplit

_url = urlsplit(os.environ["NETBOX_JUDGE_DATABASE"])

ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _url.path.lstrip("/"),
        "USER": unquote(_url.username or "postgres"),
        "PASSWORD": unquote(_url.password or ""),
        "HOST": _url.hostname or "127.0.0.1",
        "PORT": str(_url.port or 5432),
    }
}
# NetBox insists on both; nothing the judge does reaches them (Redis database 12 is this judge's).
REDIS = {
    name: {"HOST": "127.0.0.1", "PORT": 6379, "USERNAME": "", "PASSWORD": "", "DATABASE": 12, "SSL": False}
    for name in ("tasks", "caching")
}
SECRET_KEY = secrets.token_urlsafe(64)
API_TOKEN_PEPPERS = {1: secrets.token_urlsafe(64)}
CENSUS_REPORTING_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": True}
