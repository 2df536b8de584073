"""The "Mi boleta" page lists every candidacy on each ballot, by actor in
registration order, heads first, with the no-profile label."""

import re

import pytest

from electoral.models import Candidacy
from tests.electoral.factories import ballot_candidacies, open_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot(db):
    """Section 5169 of Toluca, PAN and MC (tests/electoral/factories.py)."""
    return ballot_candidacies()


def test_ballot_lists_candidacies_by_actor_heads_first(client, ballot):
    html = client.get("/mi-boleta/5169/").content.decode()
    ayuntamiento, diputacion = html.split("Diputación local, distrito 5", 1)
    order = [
        n for n in ("Cabeza Pan", "Cabeza Mc", "Suplente Mc", "Regidor Mc") if n in ayuntamiento
    ]
    assert order == ["Cabeza Pan", "Cabeza Mc", "Suplente Mc", "Regidor Mc"]
    assert [ayuntamiento.index(n) for n in order] == sorted(ayuntamiento.index(n) for n in order)
    assert ayuntamiento.index(">PAN</a>") < ayuntamiento.index(">MC</a>")
    assert "Diputada Pan" not in ayuntamiento and "Diputada Pan" in diputacion
    assert "/partidos/pan/candidaturas/cabeza-pan-toluca/" in ayuntamiento
    # Cabeza MC heads the slate without a profile; the substitute gets no label.
    mc_part = ayuntamiento[ayuntamiento.index(">MC</a>") :]
    assert re.search(r"Cabeza Mc</span> <span class=\"no-info\">Sin información capturada", mc_part)
    assert mc_part.count("Sin información capturada por el partido") == 1
    assert 'Diputada Pan</span> <span class="no-info">' in diputacion


@pytest.mark.snapshot("ballot-20000")  # the data of `ballot`, 20,360 candidacies
def test_ballot_query_budget_with_20000_candidacies(client, django_assert_max_num_queries):
    open_calendar()  # the calendar's dates are relative to now
    assert Candidacy.objects.count() >= 20000
    assert Candidacy.objects.filter(municipality__ine_code=107).count() == 10 * 32
    client.get("/mi-boleta/5169/")
    with django_assert_max_num_queries(12):
        html = client.get("/mi-boleta/5169/").content.decode()
    assert html.count('class="ballot-actor"') == 20  # 10 actors × 2 ballots
