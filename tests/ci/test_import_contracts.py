"""The import-linter contracts (pyproject.toml, run by `make lint`) hold on the
tree, and fail when a forbidden import is added.

Each case copies the Python files of the packages into a temporary
directory, adds one forbidden import (at module level or inside a function:
both count) and runs `lint-imports` there.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("participation", "electoral", "home", "cms", "opendata")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_tree(target):
    for package in PACKAGES:
        for source in (ROOT / package).rglob("*.py"):
            destination = target / source.relative_to(ROOT)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
    shutil.copyfile(ROOT / "pyproject.toml", target / "pyproject.toml")


def _lint_imports(cwd):
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_hold_on_the_tree(tmp_path):
    _copy_tree(tmp_path)
    result = _lint_imports(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, line, contract",
    [
        # Nothing but cms.urls imports open data.
        ("electoral/urls.py", "import opendata.datasets", "Nothing imports open data"),
        # Open data never reads ideas or reactions themselves.
        ("opendata/views.py", "from participation.ideas.models import Idea", "Open data reads"),
        # home is the bottom app: it never imports electoral.
        ("home/models.py", "from electoral.models import MunicipalityPage", "Apps:"),
        # electoral never imports participation.
        ("electoral/urls.py", "import participation.models", "Apps:"),
        # No app imports the settings package.
        ("participation/models.py", "from cms.settings import base", "No app imports"),
        # Geography is below parties; an import inside a function counts too.
        (
            "electoral/geography/models.py",
            "def _forbidden():\n    from electoral.parties.models import PlatformPage\n",
            "Electoral areas",
        ),
        # Parties are below editorial and results.
        ("electoral/parties/views.py", "import electoral.results.figures", "Electoral areas"),
        # The glossary stands alone.
        ("electoral/glossary/linker.py", "import electoral.geography.models", "glossary"),
        ("electoral/parties/models.py", "import electoral.glossary.models", "glossary"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line, contract):
    _copy_tree(tmp_path)
    path = tmp_path / module
    path.write_text(path.read_text() + "\n\n" + line + "\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout
