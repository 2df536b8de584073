"""No secrets in the repository: every tracked file (git ls-files) is scanned.

Fails on private keys, access tokens of the usual providers, passwords in
URLs, literal values for SECRET_KEY and the participation hash keys outside
the dev/test settings and the tests, and files that should never be tracked
(.env, key files, databases, the credentials CSVs of create_party_accounts).
Known, documented exceptions are listed in ALLOWED with their reason.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TOKENS = {
    "private key": r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
    "AWS access key": r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
    "GitHub token": r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})",
    "Slack token": r"\bxox[abposr]-[A-Za-z0-9-]{10,}",
    "Google API key": r"\bAIza[0-9A-Za-z_\-]{35}\b",
    "Stripe live key": r"\b[sr]k_live_[0-9A-Za-z]{16,}",
    "OpenAI-style key": r"\bsk-(?:proj-)?[A-Za-z0-9_\-]{32,}",
    "PyPI token": r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{20,}",
    "SendGrid key": r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b",
    "JSON web token": r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}",
    "password in a URL": r"\b[a-z][a-z0-9+.\-]*://[^\s/:@\"'`<>]+:[^\s/@\"'`<>]+@",
}
# Literal values for the keys (Python settings or environment assignments):
# only dev/test settings and the tests may hold throwaway ones.
KEY_NAMES = r"(?:SECRET_KEY|PARTICIPANT_HASH_KEY|ADDRESS_HASH_KEY|PARTICIPATION_\w*KEY)"
KEY_LITERAL = re.compile(KEY_NAMES + r"""\s*(?:=|:)\s*(?:[^\n#]*\bor\s+)?["'][^"'\n]{4,}["']""")
KEY_IN_ENV = re.compile(
    r"\b(?:DJANGO_)?" + KEY_NAMES + r"""=(?!\$|["']?\$)["']?[A-Za-z0-9+/_\-]{8,}"""
)
KEY_FILES_ALLOWED = ("cms/settings/dev.py", "cms/settings/test.py", "tests/")

NEVER_TRACKED = re.compile(
    r"(^|/)(\.env(\..*)?|id_rsa|id_ed25519|.*\.pem|.*\.key|.*\.p12|.*\.pfx|"
    r"db\.sqlite3.*|.*credenciales.*\.csv|.*\.credentials\.csv)$"
)

# (path, what matched): documented exceptions (the "@" apart, so that this
# file does not match itself).
ALLOWED = {
    # The README's and settings' examples of the DATABASE_URL format.
    ("README.md", "postgres://user:pass" + "@"),
    ("cms/settings/base.py", "postgres://user:pass" + "@"),
    ("tests/home/test_settings.py", "postgres://u:p" + "@"),
    # docker-compose's local stack: its own PostgreSQL on the compose network,
    # not published; a real deployment sets DATABASE_URL (README, Configuration).
    ("docker-compose.yml", "postgres://decide:decide" + "@"),
}


def tracked_files():
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.fail("not a git checkout: the tracked files cannot be listed")
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    return [name for name in out.decode().split("\0") if name]


def scan(path, text):
    """(path, kind, matched text) of every finding in one file's text."""
    found = []
    for kind, pattern in TOKENS.items():
        for match in re.finditer(pattern, text):
            if (path, match.group(0)) not in ALLOWED:
                found.append((path, kind, match.group(0)))
    if not path.startswith(KEY_FILES_ALLOWED):
        for pattern in (KEY_LITERAL, KEY_IN_ENV):
            for match in pattern.finditer(text):
                found.append((path, "hard-coded key", match.group(0)))
    return found


def test_the_scanner_finds_what_it_should():
    fake_key = "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIE..."
    assert scan("x.txt", fake_key)
    assert scan("x.py", "token = 'gh" + "p_" + "a" * 36 + "'")
    assert scan("x.py", "AKIA" + "ABCDEFGHIJKLMNOP")
    assert scan("cms/settings/production.py", 'SECRET_KEY = "' + "s3cr3t" * 5 + '"')
    assert scan("cms/settings/base.py", "SECRET_KEY = os.environ.get('X') or 'abcdefgh'")
    assert scan("Dockerfile", "ENV DJANGO_SECRET_KEY=" + "abcdef123456")
    assert scan("x.yml", "url: redis://admin:" + "hunter2@cache:6379")
    assert not scan("cms/settings/dev.py", 'SECRET_KEY = "dev-only"')
    assert not scan("Dockerfile", "DJANGO_SECRET_KEY=$(key)")
    assert not scan("x.py", 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")')
    assert NEVER_TRACKED.search("deploy/.env") and NEVER_TRACKED.search("certs/site.pem")
    assert not NEVER_TRACKED.search("requirements.txt")


def test_no_secrets_in_the_tracked_tree():
    findings, forbidden = [], []
    for name in tracked_files():
        if NEVER_TRACKED.search(name):
            forbidden.append(name)
            continue
        path = ROOT / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (images, .mo catalogues)
        findings += scan(name, text)
    assert not forbidden, f"files that must never be tracked: {forbidden}"
    assert not findings, "possible secrets in the repository:\n" + "\n".join(
        f"- {path}: {kind}: {text[:80]}" for path, kind, text in findings
    )
