import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_check(settings_module, env_extra, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS")}
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "es-mx"
    assert settings.TIME_ZONE == "America/Mexico_City"


def test_sqlite_tuned_for_concurrent_writers(monkeypatch):
    from cms.settings.base import database_from_env

    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = database_from_env()
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["timeout"] >= 5


def test_database_url_selects_postgres(monkeypatch):
    from cms.settings.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/decide")
    db = database_from_env()
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["HOST"] == "db.example" and db["NAME"] == "decide"


def test_production_refuses_to_start_without_secret_and_hosts():
    result = run_check("cms.settings.production", {})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_check_deploy_has_no_warnings():
    result = run_check(
        "cms.settings.production",
        {
            "DJANGO_SECRET_KEY": "k7#Qz!2mVp9@Lr4$Tw8^Xn1&Bc6*Hd3(Fg5)Js0_Ue-Ya+Ri=Oo",
            "ALLOWED_HOSTS": "decide.ieem.org.mx",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
