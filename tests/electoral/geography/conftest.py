import io
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def import_real_geography():
    """The real geography files imported under a fresh home page (what setup_site does)."""
    from electoral.geography.importing import import_geography
    from home.pagetree import ensure_home_page

    ensure_home_page(title="Decide IEEM")
    return import_geography()


@pytest.fixture
def stdout():
    return io.StringIO()
