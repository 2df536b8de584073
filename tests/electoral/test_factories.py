"""The electoral and participation factories: natural keys, and page trees the admin allows."""

import pytest

from electoral.models import (
    CandidateProfilePage,
    DistrictPage,
    GlossaryEntryPage,
    MunicipalityPage,
    PlatformPage,
    PoliticalActorPage,
)
from participation.models import Idea, Reaction, Target
from tests.electoral import factories
from tests.participation.factories import IdeaFactory, ReactionFactory, TargetFactory

pytestmark = pytest.mark.django_db

PAGE_FACTORIES = [
    factories.DistrictPageFactory,
    factories.MunicipalityPageFactory,
    factories.PoliticalActorPageFactory,
    factories.PlatformPageFactory,
    factories.CandidateProfileIndexPageFactory,
    factories.CandidateProfilePageFactory,
    factories.GlossaryIndexPageFactory,
    factories.GlossaryEntryPageFactory,
]


@pytest.mark.parametrize("factory", PAGE_FACTORIES, ids=lambda f: f.__name__)
def test_page_factories_build_under_a_parent_their_class_allows(factory):
    page = factory()
    parent = page.get_parent().specific
    assert type(page).can_exist_under(parent), (type(page).__name__, type(parent).__name__)
    assert type(parent) in type(page).allowed_parent_page_models()


def test_a_parent_the_page_type_does_not_allow_is_refused():
    district = factories.district(7)
    with pytest.raises(ValueError, match="parent_page_types"):
        factories.PlatformPageFactory(parent=district)
    with pytest.raises(ValueError, match="parent_page_types"):
        factories.MunicipalityPageFactory(parent=factories.geography_tree().districts)
    assert not PlatformPage.objects.exists() and not MunicipalityPage.objects.exists()


def test_natural_keys_find_what_exists():
    assert factories.district(23).pk == factories.district(23).pk
    assert DistrictPage.objects.filter(number=23).count() == 1
    toluca = factories.municipality(107, "Toluca", districts=(23,))
    assert factories.municipality(107).pk == toluca.pk
    assert [link.district.number for link in toluca.district_links.all()] == [23]
    assert factories.section(5200, 107).pk == factories.section(5200, 107).pk
    index = factories.parties_index()
    pan = factories.make_actor(index, "pan", order=1, title="PAN")
    assert factories.make_actor(index, "pan", order=9).pk == pan.pk
    assert PoliticalActorPage.objects.filter(registry_key="pan").count() == 1
    assert pan.live and pan.get_latest_revision() is not None  # as the admin publishes it
    candidacy = factories.make_candidacy(pan, municipality=toluca, name="ANA PÉREZ")
    profile = factories.make_profile(candidacy, publish=False)
    assert factories.make_profile(candidacy).pk == profile.pk
    assert CandidateProfilePage.objects.count() == 1
    assert profile.get_latest_revision() is not None and profile.has_unpublished_changes


def test_glossary_entries_are_keyed_on_their_slug_and_published_with_their_links():
    index = factories.glossary_index()
    assert factories.glossary_index().pk == index.pk
    seccion = factories.make_entry(index, "Sección electoral", "La parte más pequeña.")
    casilla = factories.make_entry(
        index, "Casilla", "Donde votas.", more="Una por cada 750.", related=[seccion]
    )
    assert factories.make_entry(index, "Casilla", "Otro texto.").pk == casilla.pk
    assert GlossaryEntryPage.objects.filter(slug="casilla").count() == 1
    casilla = GlossaryEntryPage.objects.get(slug="casilla")
    assert casilla.live and casilla.url_path.endswith("/quitadudas/casilla/")
    assert casilla.definition == "<p>Donde votas.</p><p>Una por cada 750.</p>"
    assert [t.target.pk for t in casilla.related_terms.all()] == [seccion.pk]
    published = casilla.get_latest_revision().as_object()
    assert [t.target_id for t in published.related_terms.all()] == [seccion.pk]
    with pytest.raises(ValueError, match="parent_page_types"):
        factories.GlossaryEntryPageFactory(parent=factories.home())


def test_participation_factories_keep_one_target_and_one_reaction_per_participant():
    platform = factories.make_platform(factories.PoliticalActorPageFactory(), [])
    target = TargetFactory(page=platform, block_id="b1", label="Seguridad")
    assert TargetFactory(page=platform, block_id="b1").pk == target.pk
    assert Target.objects.count() == 1 and target.page_key == platform.pk
    like = ReactionFactory(target=target, participant="p" * 64)
    assert ReactionFactory(target=target, participant="p" * 64).pk == like.pk
    assert Reaction.objects.get().value == Reaction.LIKE
    rejected = IdeaFactory(target=target, status=Idea.REJECTED)
    accepted = IdeaFactory(target=target, status=Idea.ACCEPTED)
    assert (rejected.reason, accepted.reason) == ("spam", "")
    assert rejected.text_hash and rejected.text_hash != accepted.text_hash
