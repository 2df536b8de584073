"""The "Mi boleta" page lists every candidacy on each ballot, by actor in
registration order, heads first, with the no-profile label."""

import re

import pytest

from electoral.models import Candidacy
from tests.electoral.factories import ballot_objects, open_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballot(db):
    """Section 5169 of Toluca, PAN and MC (tests/electoral/factories.py
    ballot_candidacies): built once, as the "ballot" snapshot."""
    return ballot_objects()


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


# The loop ballots.render_groups replaced (templates/electoral/includes/
# ballot_candidacies.html before issue 19), to compare byte for byte.
TEMPLATE_LOOP = """<ol class="ballot-actors">
            {% for group in groups %}
                <li class="ballot-actor">
                    <h4>{% include "electoral/includes/actor_swatch.html" with actor=group.actor %}<a href="{{ group.actor.url }}">{{ group.actor.title }}</a></h4>
                    <ul class="head-list">
                        {% for c in group.candidacies %}
                            <li>
                                <span class="head-list__place">{{ c.get_office_display }}{% if c.office == 3 %} {{ c.position }}{% endif %} · {{ c.get_role_display|lower }}</span>
                                {% if c.profile_url %}
                                    <a href="{{ c.profile_url }}">{{ c.display_name }}</a>
                                {% else %}
                                    <span>{{ c.display_name }}</span>{% if c.is_head %} <span class="no-info">Sin información capturada por el partido</span>{% endif %}
                                {% endif %}
                            </li>
                        {% endfor %}
                    </ul>
                </li>
            {% endfor %}
        </ol>"""  # noqa: E501


def test_rendered_groups_are_the_template_loop_over_the_orm_groups(ballot):
    """ballot_groups (one compiled query, light objects) + render_groups give
    what group_by_actor (the ORM, page objects) through the template loop gave:
    order, links (a live profile only), labels, escaping."""
    from django.db.models import Q
    from django.template import engines

    from electoral.models import CandidateProfilePage, PoliticalActorPage
    from electoral.parties.ballots import ballot_groups, group_by_actor, render_groups
    from electoral.parties.candidacies import MUNICIPAL_OFFICES
    from tests.electoral.factories import make_candidacy, make_profile

    toluca, district = ballot["toluca"], ballot["district"]
    pan, mc = ballot["actors"]
    PoliticalActorPage.objects.filter(pk=mc.pk).update(title="M&C <b>")
    hidden = make_candidacy(
        mc, district=district, name="DIPUTADO MC", office=Candidacy.Office.DIPUTACION_MR
    )
    profile = make_profile(hidden)
    CandidateProfilePage.objects.filter(pk=profile.pk).update(live=False)
    orm = group_by_actor(
        Candidacy.objects.filter(
            Q(municipality_id__in=[toluca.id], office__in=MUNICIPAL_OFFICES)
            | Q(district_id__in=[district.id], office=Candidacy.Office.DIPUTACION_MR)
        )
    )
    fast = ballot_groups({toluca.id}, {district.id})
    expected = engines["django"].from_string(TEMPLATE_LOOP).render({"groups": orm})
    assert render_groups(fast) == expected
    assert "M&amp;C &lt;b&gt;" in expected
    assert "/partidos/pan/candidaturas/cabeza-pan-toluca/" in expected
    # Cabeza MC, Diputada PAN (no profile) and Diputado MC (a profile not live)
    assert expected.count('class="no-info"') == 3
    assert "Regiduría 1 · propietaria" in expected


def test_the_swatch_is_the_actor_swatch_template(ballot):
    from django.template.loader import render_to_string

    from electoral.parties.ballots import SWATCH

    actor = ballot["actors"][0]
    assert SWATCH.format(actor.colour) == render_to_string(
        "electoral/includes/actor_swatch.html", {"actor": actor}
    )


def test_page_urls_are_wagtails(ballot):
    from electoral.models import CandidateProfilePage, PoliticalActorPage
    from electoral.parties.ballots import PageUrls

    urls = PageUrls()
    pages = [*PoliticalActorPage.objects.all(), *CandidateProfilePage.objects.all()]
    assert pages and [urls(p.url_path) for p in pages] == [p.get_url() for p in pages]
