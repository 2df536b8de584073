"""What a visitor reads on /partidos/, an actor, a platform and a profile."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import hooks

from electoral.editorial.review import ieem_review_date
from electoral.models import Candidacy, CandidateProfilePage, PlatformPage, Topic
from electoral.parties.models import CandidateProfileForm
from tests.electoral.factories import (
    make_actor,
    make_candidacy,
    make_district,
    make_platform,
    make_profile,
    parties_pages,
)
from tests.helpers.html import meta_of

pytestmark = pytest.mark.django_db

NO_INFO = "Sin información capturada por el partido"


@pytest.fixture
def parties_tree(db):
    """Two actors (PAN with an example platform and an example profile, MC
    without platform) and three candidacies in Toluca: the "parties-pages"
    snapshot, built once by tests.electoral.factories.parties_pages()."""
    return parties_pages(lookup=True)


def test_parties_index_lists_actors_in_registration_order_with_the_same_card(client, parties_tree):
    html = client.get("/partidos/").content.decode()
    assert html.index(">PAN</a>") < html.index(">MC</a>")
    assert html.count('class="card actor-card"') == 2
    assert 'href="/partidos/pan/plataforma/"' in html
    assert "Sin plataforma publicada" in html  # MC has none
    assert "Contenido de ejemplo" in html


def test_comparison_by_topic_side_by_side(client, parties_tree):
    html = client.get("/partidos/?tema=seguridad").content.decode()
    assert "Seguridad pública: lo que dice cada plataforma" in html
    assert "Más policía de proximidad." in html and "Calles seguras" in html
    assert "Empleo local." not in html
    assert "Sin plataforma publicada." in html  # MC, shown with the same weight
    assert html.index(">PAN</a>") < html.index(">MC</a>")
    block_id = parties_tree["platform"].body[0].id
    assert f"/partidos/pan/plataforma/#apartado-{block_id}" in html
    title, meta = meta_of(html)
    assert title.startswith("Comparar plataformas: Seguridad pública")


def test_comparison_with_unknown_topic_says_so(client, parties_tree):
    response = client.get("/partidos/?tema=<script>")
    html = response.content.decode()
    assert "No encontramos el tema «&lt;script&gt;»" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_platform_page_by_topic_with_publisher_and_targets(client, parties_tree):
    platform = PlatformPage.objects.get(pk=parties_tree["platform"].pk)
    calls = []

    def spy(context, page, block_id):
        calls.append(block_id)
        return f'<p class="spy">extras {block_id or "plataforma"}</p>'

    with hooks.register_temporarily("decide_target_extras", spy):
        html = client.get("/partidos/pan/plataforma/").content.decode()
    ids = [b.id for b in platform.body]
    assert calls == ["", *ids]
    assert 'Publicado por <a href="/partidos/pan/">PAN</a>' in html
    assert "revisado por el IEEM" not in html  # filled by the workflow later
    assert "Contenido de ejemplo" in html
    assert f'id="apartado-{ids[0]}"' in html and "Calles seguras" in html
    assert "Economía y empleo" in html  # untitled section falls back to the topic
    assert platform.feedback_targets() == [
        ("", "Plataforma completa"),
        (ids[0], "Calles seguras"),
        (ids[1], "Economía y empleo"),
    ]
    assert platform.actor.pk == parties_tree["pan"].pk
    assert ieem_review_date(platform) is None


def test_block_ids_survive_edits_of_other_blocks(parties_tree):
    platform = PlatformPage.objects.get(pk=parties_tree["platform"].pk)
    first, second = [b.id for b in platform.body]
    platform.body.insert(0, ("topic_section", {"topic": parties_tree["seguridad"], "title": "Nuevo",
                                               "text": "<p>x</p>", "document": None}))  # fmt: skip
    del platform.body[2]
    platform.save_revision().publish()
    platform = PlatformPage.objects.get(pk=platform.pk)
    assert [b.id for b in platform.body][1] == first
    assert second not in [b.id for b in platform.body]


def test_profile_page_with_proposals_targets_and_publisher(client, parties_tree):
    profile = CandidateProfilePage.objects.get(pk=parties_tree["profile"].pk)
    response = client.get(profile.url)
    html = response.content.decode()
    assert profile.url == "/partidos/pan/candidaturas/maria-de-los-angeles-nunez-toluca/"
    assert "<h1>Maria de los Angeles Nuñez</h1>" in html
    assert "MARIA DE LOS ANGELES NUÑEZ" in html  # the registered spelling, unchanged
    assert "Presidencia municipal · Toluca" in html
    assert "Suplente</dt><dd>Rosa Perez" in html
    assert "Publicado por" in html and "Contenido de ejemplo" in html
    (block,) = profile.proposals
    assert f'id="propuesta-{block.id}"' in html and "Alumbrado en cada colonia" in html
    assert profile.feedback_targets() == [(block.id, "Alumbrado en cada colonia")]
    assert profile.actor.pk == parties_tree["pan"].pk and ieem_review_date(profile) is None
    assert meta_of(html)[1]["description"] == "Presentación breve de prueba."


def test_profile_substitute_is_of_the_same_formula_wherever_it_is(client, parties_tree):
    """The substitute shown is the one of the same office, place, actor and
    position (a district formula has no municipality): one elsewhere, or of
    another position, is never taken."""
    pan, toluca = parties_tree["pan"], parties_tree["toluca"]
    d7, d8 = make_district(7), make_district(8)
    mr, sub = Candidacy.Office.DIPUTACION_MR, Candidacy.Role.SUBSTITUTE
    head = make_candidacy(pan, district=d7, office=mr, name="LUZ DEL DISTRITO")
    make_candidacy(pan, district=d8, office=mr, name="OTRA DE OTRO DISTRITO", role=sub)
    make_candidacy(pan, district=d7, office=mr, name="OTRA DE TOLUCA", role=sub,
                   municipality=toluca)  # fmt: skip
    make_candidacy(pan, district=d7, office=mr, name="OTRA POSICION", role=sub, position=2)
    make_candidacy(pan, district=d7, office=mr, name="SARA SUPLENTE", role=sub)
    alone = make_candidacy(pan, district=d8, office=mr, name="ALMA SIN SUPLENTE", position=3)
    for candidacy, substitute in [(head, "Sara Suplente"), (alone, None)]:
        assert candidacy.is_head and not candidacy.municipality_id
        html = client.get(make_profile(candidacy).url).content.decode()
        number = candidacy.district.number
        assert f"Diputación local de mayoría relativa · Distrito {number}</p>" in html
        assert f"Diputación local de mayoría relativa, distrito {number}</dd>" in html
        assert ">Sin dato en la fuente</dd>" in html  # reelection: None, as registered
        if substitute:
            assert f"Suplente</dt><dd>{substitute}</dd>" in html
            assert candidacy.substitute().display_name == substitute
        else:
            assert "Suplente</dt>" not in html and candidacy.substitute() is None


def test_head_without_profile_is_never_hidden(client, parties_tree):
    html = client.get("/partidos/mc/").content.decode()
    assert "Juan Lopez" in html and NO_INFO in html
    assert "Información publicada por el partido: <strong>0 de 1 perfil (0 %)</strong>" in html
    html = client.get("/partidos/pan/").content.decode()
    assert "<strong>1 de 1 perfil (100 %)</strong>" in html
    assert 'href="/partidos/pan/candidaturas/maria-de-los-angeles-nunez-toluca/"' in html


def test_draft_profile_counts_as_not_published(client, parties_tree):
    draft = make_profile(parties_tree["mc_head"], publish=False)
    draft.unpublish() if draft.live else None
    html = client.get("/partidos/mc/").content.decode()
    assert NO_INFO in html and "<strong>0 de 1 perfil (0 %)</strong>" in html


def test_profile_form_offers_only_the_actors_heads_and_requires_alt_text(parties_tree):
    folder = parties_tree["profile"].get_parent()
    form_class = CandidateProfilePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, CandidateProfileForm)
    form = form_class(parent_page=folder, instance=CandidateProfilePage())
    assert list(form.fields["candidacy"].queryset) == [parties_tree["head"]]
    page = CandidateProfilePage.objects.get(pk=parties_tree["profile"].pk)
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    page.photo = Image.objects.create(title="foto", file=get_test_image_file())
    page.photo_alt = " "
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "Describe la fotografía" in str(exc.value)


def test_only_one_platform_and_one_profile_folder_per_actor(parties_tree):
    assert not PlatformPage.can_create_at(parties_tree["pan"])
    assert PlatformPage.can_create_at(parties_tree["mc"])
    assert Topic.objects.filter(slug="seguridad").exists()


def test_fixed_queries_for_platform_profile_and_index(
    client, parties_tree, django_assert_max_num_queries
):
    # Ten more actors with platforms: the index and the comparison stay flat.
    for n in range(10):
        actor = make_actor(parties_tree["index"], f"extra{n}", order=20 + n)
        make_platform(actor, [(parties_tree["seguridad"], "", f"<p>Texto {n}</p>")])
    client.get("/partidos/")  # warm the site-root cache
    # Wagtail's routing costs one query per path segment; the rest is fixed
    # (including the published-profiles figure, one grouped query for every actor,
    # and the calendar read that gates the results entry in the navigation).
    budgets = {
        "/partidos/": 11,
        "/partidos/?tema=seguridad": 11,
        "/partidos/pan/": 14,
        "/partidos/pan/plataforma/": 16,
        parties_tree["profile"].url: 18,
    }
    for url in budgets:  # warm the caches (glossary terms, site root) like a live server
        client.get(url)
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
