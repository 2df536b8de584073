"""The 2021 actors imported from the real files: kinds, order, membership, scope."""

import pytest

from electoral.models import PoliticalActorPage
from electoral.parties.importers import ensure_parties_index, import_actors
from tests.electoral.factories import home

pytestmark = pytest.mark.django_db


def test_every_2021_actor_in_official_registration_order(actors_2021):
    actors = list(PoliticalActorPage.objects.child_of(actors_2021).order_by("registration_order"))
    assert [a.acronym for a in actors[:11]] == [
        "PAN", "PRI", "PRD", "PT", "PVEM", "MC", "MORENA", "NAEM", "PES", "RSP", "FXM",
    ]  # fmt: skip
    assert [a.kind for a in actors[11:14]] == ["coalicion", "coalicion", "candidatura_comun"]
    independents = actors[14:]
    assert len(actors) == 29 and len(independents) == 15
    assert all(a.kind == "independiente" for a in independents)
    # Cuautitlán had two independent candidacies: one actor each.
    assert sum("Cuautitlán)" in a.title for a in independents) == 2
    naem = next(a for a in actors if a.acronym == "NAEM")
    assert naem.kind == "partido_local" and naem.slug == "naem"


def test_pt_morena_naem_is_a_coalition_and_separately_a_common_candidacy(actors_2021):
    coalition = PoliticalActorPage.objects.get(registry_key="pt-morena-pna")
    common = PoliticalActorPage.objects.get(registry_key="pt-morena-pna/cc")
    assert coalition.title == "Juntos Haremos Historia en el Estado de México"
    assert common.title == "Juntos Hacemos Historia en el Estado de México"
    assert coalition.municipalities.count() == 90 and common.municipalities.count() == 30
    assert not set(coalition.municipalities.all()) & set(common.municipalities.all())
    assert coalition.districts.count() == 34 and common.districts.count() == 10
    members = [p.acronym for p in coalition.member_parties.order_by("registration_order")]
    assert members == ["PT", "MORENA", "NAEM"]
    pan_pri_prd = PoliticalActorPage.objects.get(registry_key="pan-pri-prd")
    assert pan_pri_prd.municipalities.count() == 73  # 72 + Nextlalpan (extraordinary)
    assert pan_pri_prd.districts.count() == 28
    morena = PoliticalActorPage.objects.get(registry_key="morena")
    assert set(morena.alliances.values_list("registry_key", flat=True)) == {
        "pt-morena-pna",
        "pt-morena-pna/cc",
    }


def test_import_is_idempotent_and_keeps_what_editors_wrote(actors_2021):
    pan = PoliticalActorPage.objects.get(registry_key="pan")
    pan.description = "<p>Texto del partido.</p>"
    pan.colour = "#123456"
    pan.save_revision().publish()
    report = import_actors(ensure_parties_index(home()))
    assert report.created == 0 and report.updated == 0 and report.unchanged == 29
    pan.refresh_from_db()
    assert pan.description == "<p>Texto del partido.</p>" and pan.colour == "#123456"
    assert PoliticalActorPage.objects.count() == 29


def test_without_geography_parties_are_created_and_the_gap_is_reported(db):
    report = import_actors(ensure_parties_index(home()))
    assert report.created == 14
    assert "importe primero la geografía" in report.notes[0]
