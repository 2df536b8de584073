"""The "Mi boleta" page lists every candidacy on each ballot, by actor in
registration order, heads first, with the no-profile label."""

import re

import pytest

from electoral.models import Candidacy, Section
from electoral.parties.importers import ensure_parties_index
from tests.electoral.factories import (
    bulk_candidacies,
    home,
    make_actor,
    make_candidacy,
    make_district,
    make_municipality,
    make_profile,
    open_calendar,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot(db):
    open_calendar()
    index = ensure_parties_index(home())
    d5 = make_district(5)
    toluca = make_municipality(107, "Toluca", districts=[d5])
    Section.objects.create(number=5169, municipality=toluca, district=d5)
    mc = make_actor(index, "mc", order=6, title="MC")
    pan = make_actor(index, "pan", order=1, title="PAN")
    make_candidacy(mc, municipality=toluca, name="REGIDOR MC", office=Candidacy.Office.REGIDURIA)
    make_candidacy(mc, municipality=toluca, name="SUPLENTE MC", role="suplente")
    make_candidacy(mc, municipality=toluca, name="CABEZA MC")
    head = make_candidacy(pan, municipality=toluca, name="CABEZA PAN")
    make_candidacy(pan, district=d5, name="DIPUTADA PAN", office=Candidacy.Office.DIPUTACION_MR)
    make_profile(head)
    return {"toluca": toluca, "actors": [pan, mc], "district": d5}


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


def test_ballot_query_budget_with_20000_candidacies(client, ballot, django_assert_max_num_queries):
    districts = [ballot["district"]] + [make_district(n) for n in range(6, 15)]
    municipalities = [ballot["toluca"]] + [make_municipality(n, f"M{n}") for n in range(1, 63)]
    actors = ballot["actors"] + [make_actor(ballot["actors"][0].get_parent(), f"x{n}", order=20 + n)
                                 for n in range(8)]  # fmt: skip
    Candidacy.objects.all().delete()
    assert bulk_candidacies(actors, municipalities, districts, regidurias=14) >= 20000
    client.get("/mi-boleta/5169/")
    with django_assert_max_num_queries(12):
        html = client.get("/mi-boleta/5169/").content.decode()
    assert html.count('class="ballot-actor"') == 20  # 10 actors × 2 ballots
