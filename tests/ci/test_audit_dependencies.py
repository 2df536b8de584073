"""The CI dependency audit fails on findings, on skipped packages and on a silent service."""

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "audit_dependencies", ROOT / "scripts" / "audit_dependencies.py"
)
audit_dependencies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_dependencies)
AuditError = audit_dependencies.AuditError

DJANGO_VULN = {"id": "PYSEC-2023-100", "aliases": ["CVE-2023-31047"], "fix_versions": ["4.2.1"]}


def fake_pip_audit(project_report, canary_report=None, returncode=1):
    """A subprocess.run stand-in writing pip-audit JSON reports."""
    canary_report = canary_report or {
        "dependencies": [{"name": "django", "version": "4.2.0", "vulns": [DJANGO_VULN]}]
    }
    calls = []

    def run(command, **kwargs):
        calls.append(command)
        output = Path(command[command.index("--output") + 1])
        files = [command[i + 1] for i, arg in enumerate(command) if arg == "--requirement"]
        is_canary = any(Path(f).name == "canary.txt" for f in files)
        report = canary_report if is_canary else project_report
        if report is not None:
            output.write_text(json.dumps(report))
        return SimpleNamespace(returncode=returncode, stdout="", stderr="ConnectionError: osv")

    run.calls = calls
    return run


CLEAN = {
    "dependencies": [
        {"name": "django", "version": "6.1.3", "vulns": []},
        {"name": "wagtail", "version": "8.0.1", "vulns": []},
    ]
}


def test_clean_pins_pass_and_the_canary_ran():
    runner = fake_pip_audit(CLEAN, returncode=0)
    lines = audit_dependencies.audit(["requirements.txt"], set(), runner=runner)
    assert "2 pinned releases audited" in lines[-1]
    assert len(runner.calls) == 2  # the canary first, then the project
    assert "--no-deps" in runner.calls[1] and "--disable-pip" in runner.calls[1]


def test_a_known_vulnerability_fails():
    report = {"dependencies": [{"name": "django", "version": "4.2.0", "vulns": [DJANGO_VULN]}]}
    with pytest.raises(AuditError, match="VULNERABLE django==4.2.0: PYSEC-2023-100"):
        audit_dependencies.audit(["requirements.txt"], set(), runner=fake_pip_audit(report))


def test_an_allowed_vulnerability_passes_by_id_or_alias():
    report = {"dependencies": [{"name": "django", "version": "4.2.0", "vulns": [DJANGO_VULN]}]}
    lines = audit_dependencies.audit(
        ["requirements.txt"], {"CVE-2023-31047"}, runner=fake_pip_audit(report)
    )
    assert any(line.startswith("allowed") for line in lines)


def test_a_skipped_dependency_fails_instead_of_passing_silently():
    # What pip-audit's PyPI service prints, exit 0, behind a partial mirror.
    report = {
        "dependencies": [
            {"name": "django", "skip_reason": "Dependency not found on PyPI, not audited"}
        ]
    }
    with pytest.raises(AuditError, match="NOT AUDITED django"):
        audit_dependencies.audit(["requirements.txt"], set(), runner=fake_pip_audit(report))


def test_a_service_that_reports_nothing_for_the_canary_fails():
    silent = {"dependencies": [{"name": "django", "version": "4.2.0", "vulns": []}]}
    with pytest.raises(audit_dependencies.ServiceUnavailable, match="cannot be trusted"):
        audit_dependencies.audit(
            ["requirements.txt"], set(), runner=fake_pip_audit(CLEAN, canary_report=silent)
        )


def test_an_unreachable_service_fails_loudly():
    def unreachable(command, **kwargs):
        return SimpleNamespace(returncode=1, stdout="", stderr="ConnectionError: api.osv.dev")

    with pytest.raises(audit_dependencies.ServiceUnavailable, match="no report.*unreachable"):
        audit_dependencies.audit(["requirements.txt"], set(), runner=unreachable)


def test_main_exit_codes_tell_not_audited_from_vulnerable(monkeypatch, capsys):
    def unreachable(*args, **kwargs):
        raise audit_dependencies.ServiceUnavailable("no report")

    monkeypatch.setattr(audit_dependencies, "audit", unreachable)
    assert audit_dependencies.main([]) == 3
    assert "DEPENDENCY AUDIT NOT PERFORMED" in capsys.readouterr().err

    def vulnerable(*args, **kwargs):
        raise AuditError("VULNERABLE django==4.2.0")

    monkeypatch.setattr(audit_dependencies, "audit", vulnerable)
    assert audit_dependencies.main([]) == 1
    assert "FAILED" in capsys.readouterr().err


def test_ci_fails_on_findings_and_on_a_required_audit_it_could_not_run():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "PIP_AUDIT_REQUIRED" in ci and "NOT PERFORMED" in ci


def test_the_allowlist_file_is_documented_and_parsed(tmp_path):
    allow = tmp_path / "allow.txt"
    allow.write_text("# comment\nghsa-xxxx-yyyy-zzzz  # package: reason\n\n")
    assert audit_dependencies.read_allowlist(allow) == {"GHSA-XXXX-YYYY-ZZZZ"}
    shipped = (ROOT / ".ci" / "pip-audit-allowlist.txt").read_text()
    assert shipped.startswith("#")


def test_ci_runs_the_audit():
    assert "scripts/audit_dependencies.py" in (ROOT / ".ci" / "run").read_text()
