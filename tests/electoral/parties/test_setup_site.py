"""After setup_site (what `make run` does): real actors and candidacies,
clearly labelled example platforms and profiles."""

import pytest

from electoral.models import Candidacy, CandidateProfilePage, PlatformPage, PoliticalActorPage

pytestmark = pytest.mark.django_db


def test_setup_site_builds_parties_candidacies_and_labelled_examples(client, site):
    assert PoliticalActorPage.objects.count() == 29
    html = client.get("/partidos/").content.decode()
    assert html.count('class="card actor-card"') == 29
    assert html.index(">PAN</a>") < html.index(">NAEM</a>") < html.index(">FXM</a>")
    assert Candidacy.objects.count() == 1904
    toluca = client.get("/candidaturas/?municipio=toluca").content.decode()
    assert "14 candidaturas" in toluca and "Sin dato en la fuente" in toluca
    assert "Sin información capturada por el partido" in toluca

    platforms = PlatformPage.objects.live()
    assert platforms.count() == 14 and all(p.is_example for p in platforms)
    for platform in platforms[:3]:
        page = client.get(platform.url).content.decode()
        assert "Contenido de ejemplo" in page and "Texto de ejemplo." in page
    profiles = CandidateProfilePage.objects.live()
    assert profiles.count() == 3
    for profile in profiles:
        assert profile.is_example and profile.candidacy.municipality.ine_code == 107
        page = client.get(profile.url).content.decode()
        assert "Contenido de ejemplo" in page
        assert "son marcadores de posición y no describen a la persona" in page
