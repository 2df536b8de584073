#!/usr/bin/env python3
"""Dependency audit for CI: pip-audit over the pinned requirements, failing loudly.

    .venv/bin/python scripts/audit_dependencies.py [requirements files…]

Default files: requirements.txt (what production installs) and requirements-dev.txt.
It fails (exit 1) when:

- a pinned release has a known vulnerability that is not in the allow-list
  (`.ci/pip-audit-allowlist.txt`: one vulnerability id per line, `#` comments);
- any dependency was skipped instead of audited (pip-audit's PyPI service
  "passes" with exit 0 when it cannot find a release, e.g. behind a partial
  mirror: that is counted as a failure here);
- the canary is not caught: before auditing, a known-vulnerable release
  (CANARY, Django 4.2.0) is audited and must be reported, which proves the
  service really answers. A service that reports nothing for it reports
  nothing for us either.

When the vulnerability service cannot be reached, answers something
unreadable, or reports nothing for the canary (a mirror without advisories),
nothing was audited: exit code 3 and «DEPENDENCY AUDIT NOT PERFORMED». That is
never printed as a pass; `.ci/run` fails on it when PIP_AUDIT_REQUIRED=1 and
otherwise goes on with the warning (this sandbox reaches no advisory service).

Service: `PIP_AUDIT_SERVICE` (`osv` by default, or `pypi`); `PIP_AUDIT_OSV_URL`
points at another OSV API (a mirror). The requirements are audited as pinned
(`--no-deps --disable-pip`): no resolver, no package index involved.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / ".ci" / "pip-audit-allowlist.txt"
DEFAULT_REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]
CANARY = "Django==4.2.0"


class AuditError(Exception):
    """The audit could not be trusted or found vulnerabilities."""


class ServiceUnavailable(AuditError):
    """No vulnerability data could be had: nothing was audited (exit code 3).

    Not a pass: CI prints «DEPENDENCY AUDIT NOT PERFORMED» and, where
    PIP_AUDIT_REQUIRED=1 (a CI with access to the service), fails.
    """


EXIT_FOUND = 1
EXIT_UNAVAILABLE = 3


def read_allowlist(path=ALLOWLIST):
    if not path.exists():
        return set()
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            ids.add(entry.upper())
    return ids


def pip_audit_command(requirements, output):
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--no-deps",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
        "--output",
        str(output),
        "--vulnerability-service",
        os.environ.get("PIP_AUDIT_SERVICE", "osv"),
    ]
    if os.environ.get("PIP_AUDIT_OSV_URL"):
        command += ["--osv-url", os.environ["PIP_AUDIT_OSV_URL"]]
    for requirement in requirements:
        command += ["--requirement", str(requirement)]
    return command


def run_pip_audit(requirements, runner=subprocess.run):
    """pip-audit's JSON report for these requirement files (AuditError if none)."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        result = runner(
            pip_audit_command(requirements, output), capture_output=True, text=True, check=False
        )
        # Exit 1 also means "vulnerabilities found"; only a readable report counts.
        try:
            return json.loads(output.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            detail = (result.stderr or result.stdout or "").strip().splitlines()[-5:]
            raise ServiceUnavailable(
                "pip-audit produced no report (exit code "
                f"{result.returncode}): the vulnerability service is probably unreachable.\n  "
                + "\n  ".join(detail)
            ) from None


def findings(report, allowed=frozenset()):
    """(vulnerabilities not allowed, skipped dependencies, allowed ones) of a report."""
    bad, skipped, tolerated = [], [], []
    for dep in report.get("dependencies", []):
        name = dep.get("name", "?") + (f"=={dep['version']}" if dep.get("version") else "")
        if dep.get("skip_reason"):
            skipped.append(f"{name}: {dep['skip_reason']}")
            continue
        for vuln in dep.get("vulns", []):
            ids = {vuln.get("id", "").upper(), *(a.upper() for a in vuln.get("aliases", []))}
            fixed = ", ".join(vuln.get("fix_versions") or ["?"])
            label = f"{name}: {vuln.get('id')} (fixed in {fixed})"
            (tolerated if ids & allowed else bad).append(label)
    return bad, skipped, tolerated


def check_canary(runner=subprocess.run):
    with tempfile.TemporaryDirectory() as folder:
        canary = Path(folder) / "canary.txt"
        canary.write_text(CANARY + "\n", encoding="utf-8")
        bad, skipped, _ = findings(run_pip_audit([canary], runner=runner))
    if not bad:
        reason = f" ({skipped[0]})" if skipped else ""
        raise ServiceUnavailable(
            f"The vulnerability service reported nothing for {CANARY}, a release with known "
            f"vulnerabilities{reason}: the audit cannot be trusted."
        )
    return len(bad)


def audit(requirements, allowed, runner=subprocess.run):
    """Lines to print; raises AuditError on any failure."""
    lines = [f"canary {CANARY}: {check_canary(runner=runner)} known vulnerabilities reported (ok)"]
    report = run_pip_audit(requirements, runner=runner)
    bad, skipped, tolerated = findings(report, allowed)
    audited = len(report.get("dependencies", [])) - len(skipped)
    lines += [f"allowed (see {ALLOWLIST.name}): {t}" for t in tolerated]
    problems = [f"VULNERABLE {b}" for b in bad] + [f"NOT AUDITED {s}" for s in skipped]
    if problems:
        raise AuditError("\n".join(lines + problems))
    if not audited:
        raise AuditError("\n".join([*lines, "No dependency was audited."]))
    lines.append(
        f"{audited} pinned releases audited: no known vulnerability outside the allow-list"
    )
    return lines


def main(argv):
    requirements = [ROOT / name for name in (argv or DEFAULT_REQUIREMENTS)]
    try:
        for line in audit(requirements, read_allowlist()):
            print(line)
    except ServiceUnavailable as error:
        print(
            "DEPENDENCY AUDIT NOT PERFORMED: no vulnerability data could be obtained, "
            f"so nothing was audited.\n{error}",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    except AuditError as error:
        print(f"Dependency audit FAILED:\n{error}", file=sys.stderr)
        return EXIT_FOUND
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
