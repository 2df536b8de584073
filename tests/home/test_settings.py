import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "PARTICIPANT_HASH_KEY",
    "ADDRESS_HASH_KEY",
)
# Throwaway values for these tests only (random, never used anywhere).
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k7#Qz!2mVp9@Lr4$Tw8^Xn1&Bc6*Hd3(Fg5)Js0_Ue-Ya+Ri=Oo",
    "ALLOWED_HOSTS": "decide.ieem.org.mx",
    "PARTICIPANT_HASH_KEY": "test-participant-key-9fQ2mX7rL4vB8nK1cZ6hT3wY",
    "ADDRESS_HASH_KEY": "test-address-key-Jd5sP0gR8uE2aN6yV4kM1xC9bQ",
}


def run_check(settings_module, env_extra, *args):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
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


def test_production_check_deploy_has_no_warnings_and_silences_nothing():
    result = run_check(
        "cms.settings.production", PRODUCTION_ENV, "--deploy", "--fail-level", "INFO"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_needs_the_participation_keys_from_the_environment():
    for name in ("PARTICIPANT_HASH_KEY", "ADDRESS_HASH_KEY"):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != name}
        result = run_check("cms.settings.production", env)
        assert result.returncode != 0
        assert f"Set the {name} environment variable to run in production." in result.stderr


def test_production_refuses_short_or_shared_keys():
    result = run_check("cms.settings.production", {**PRODUCTION_ENV, "ADDRESS_HASH_KEY": "short"})
    assert result.returncode != 0 and "ADDRESS_HASH_KEY is too short" in result.stderr
    same = {**PRODUCTION_ENV, "ADDRESS_HASH_KEY": PRODUCTION_ENV["PARTICIPANT_HASH_KEY"]}
    result = run_check("cms.settings.production", same)
    assert result.returncode != 0 and "three different values" in result.stderr


def test_production_security_settings():
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
    env.update(PRODUCTION_ENV)
    code = (
        "from cms.settings import production as p; "
        "print(p.SECURE_HSTS_SECONDS, p.SECURE_HSTS_INCLUDE_SUBDOMAINS, p.SECURE_HSTS_PRELOAD, "
        "p.SESSION_COOKIE_SECURE, p.CSRF_COOKIE_SECURE, p.X_FRAME_OPTIONS, "
        "p.SECURE_CSP['upgrade-insecure-requests'], p.PARTICIPATION_ADDRESS_KEY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "DENY",
        "True",
        PRODUCTION_ENV["ADDRESS_HASH_KEY"],
    ]
