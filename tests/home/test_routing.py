"""Pages found by their URL in two queries (home/routing.py), with Wagtail's
answers kept: drafts and unknown URLs are 404, private pages stay private."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from electoral.models import MunicipalityPage
from home import routing

pytestmark = pytest.mark.django_db


@pytest.fixture
def shell_cache(settings):
    """The site-wide data kept per generation, on as in production (off in the
    test settings: query budgets), with the origin cache and the fragments off."""
    settings.SHELL_CACHE_ENABLED = True
    return settings


def page_queries(client, url):
    client.get(url)  # warm the site and content-type caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("shell", [False, True])
def test_a_deep_page_is_routed_in_two_queries(client, site, settings, shell):
    settings.SHELL_CACHE_ENABLED = shell
    page = MunicipalityPage.objects.live().get(name="Toluca")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page.url).status_code == 200
    first = [q["sql"] for q in captured.captured_queries]  # before the next request
    response, queries = page_queries(client, page.url)
    assert response.status_code == 200
    assert "Toluca" in response.content.decode()

    def routing(queries):
        return [q for q in queries if '"wagtailcore_page"."url_path" =' in q]

    assert len(routing(first)) == 1
    # Where the URL leads is kept for the generation (SHELL_CACHE_ENABLED):
    # only the page itself is read again.
    assert len(routing(queries)) == (0 if shell else 1)
    assert len([q for q in queries if f'"page_ptr_id" = {page.pk}' in q]) == 1
    # Wagtail's walk would ask for the children of each level by slug.
    assert not [q for q in queries if '"wagtailcore_page"."slug" =' in q]
    assert not [q for q in queries if 'FROM "wagtailcore_site"' in q]


def test_unknown_and_draft_pages_are_404(client, site):
    assert client.get("/geografia/municipios/no-existe/").status_code == 404
    page = MunicipalityPage.objects.live().get(name="Toluca")
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404


def test_private_pages_stay_private(client, site):
    page = MunicipalityPage.objects.live().get(name="Toluca")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secreto"
    )
    html = client.get(page.url).content.decode()
    assert 'name="password"' in html  # Wagtail's password form, not the page
    assert "Municipio del Estado de México" not in html


def test_a_restricted_ancestor_keeps_its_descendants_private(client, site):
    page = MunicipalityPage.objects.live().get(name="Toluca")
    assert routing.view_restrictions(page) == []
    folder = page.get_parent()
    restriction = PageViewRestriction.objects.create(
        page=folder, restriction_type=PageViewRestriction.PASSWORD, password="secreto"
    )
    assert routing.view_restrictions(page) == [restriction]
    html = client.get(page.url).content.decode()
    assert 'name="password"' in html and "Municipio del Estado de México" not in html


def test_an_alias_is_as_private_as_its_source(site):
    page = MunicipalityPage.objects.live().get(name="Toluca")
    source = MunicipalityPage.objects.live().get(name="Metepec")
    restriction = PageViewRestriction.objects.create(
        page=source, restriction_type=PageViewRestriction.PASSWORD, password="secreto"
    )
    MunicipalityPage.objects.filter(pk=page.pk).update(alias_of=source)
    page.refresh_from_db()
    # Wagtail resolves the alias to its source: the source's restriction applies.
    assert routing.view_restrictions(page) == list(page.get_view_restrictions()) == [restriction]


def test_the_site_is_remembered_and_forgotten_when_edited(client, site):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [q for q in queries.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]
    site.site_name = "Decide IEEM (prueba)"
    site.save()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert [q for q in queries.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]


def test_default_routing_is_checked_for_every_page_type():
    routing.default_routing_only.cache_clear()
    assert routing.default_routing_only() is True


def test_a_kept_route_follows_unpublishing_moves_and_restrictions(client, site, shell_cache):
    """Where a URL leads is kept for the generation (SHELL_CACHE_ENABLED, on with
    the origin cache and the fragments off, as here): every change purges it."""
    assert not shell_cache.PAGE_CACHE_ENABLED and not shell_cache.FRAGMENT_CACHE_ENABLED
    page = MunicipalityPage.objects.live().get(name="Toluca")
    url = page.url
    assert client.get(url).status_code == 200  # kept now
    page.unpublish()
    assert client.get(url).status_code == 404
    page.refresh_from_db()
    page.save_revision().publish()
    assert client.get(url).status_code == 200
    page.refresh_from_db()
    page.slug = "toluca-de-lerdo"
    page.save_revision().publish()
    assert client.get(url).status_code == 404
    moved = MunicipalityPage.objects.get(pk=page.pk).url
    assert moved != url
    assert "Toluca" in client.get(moved).content.decode()
    # A restriction on an ancestor, after the page's route and restrictions were kept.
    restriction = PageViewRestriction.objects.create(
        page=page.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="secreto"
    )
    html = client.get(moved).content.decode()
    assert 'name="password"' in html and "Municipio del Estado de México" not in html
    restriction.delete()
    assert "Municipio del Estado de México" in client.get(moved).content.decode()


def test_kept_routes_are_for_anonymous_gets_only(client, site, django_user_model, shell_cache):
    page = MunicipalityPage.objects.live().get(name="Toluca")
    client.get(page.url)
    editor = django_user_model.objects.create_superuser("editora", "e@example.org", "x" * 16)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    # A signed-in visitor's request reads where the URL leads again.
    assert [q for q in queries.captured_queries if '"wagtailcore_page"."url_path" =' in q["sql"]]


def test_the_precompiled_page_query_builds_what_the_orm_builds(site):
    """home.routing.fetch_live_page: the same instance (every field, its class,
    its database) as `model.objects.filter(pk=…, live=True)`, None for a draft."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    def fields(page):
        return {k: v for k, v in page.__dict__.items() if k != "_state"}

    checked = set()
    for pk, content_type in Page.objects.filter(live=True).values_list("pk", "content_type_id"):
        model = ContentType.objects.get_for_id(content_type).model_class()
        ours = routing.fetch_live_page(model, pk)
        theirs = model.objects.get(pk=pk)
        assert type(ours) is type(theirs) and fields(ours) == fields(theirs)
        assert (ours._state.db, ours._state.adding) == (theirs._state.db, theirs._state.adding)
        assert ours._state.fetch_mode == theirs._state.fetch_mode
        assert list(ours.__dict__) == list(theirs.__dict__)  # the same order too
        checked.add(model)
    assert len(checked) >= 8  # every kind of page of the site, with dates and JSON
    # ... and built from the compiled SQL (home/compiled.py), not by the ORM's fallback.
    # (Keyed by alias: another test of this process may have compiled for a
    # replica alias; this one read from "default".)
    for model in checked:
        compiled = routing._page_queries[(model, True)]._compiled
        (plan,) = [plan for key, plan in compiled.items() if key[0] == "default"]
        assert plan[2] is not None, model
        # ... without the constructors (home/compiled.py `_build`).
        assert plan[2][4] is not None, model
    page = MunicipalityPage.objects.live().get(name="Toluca")
    page.unpublish()
    assert routing.fetch_live_page(MunicipalityPage, page.pk) is None
    assert routing.fetch_live_page(MunicipalityPage, 10**9) is None


def test_a_remembered_actor_is_the_orms_and_follows_a_move(site, rf, shell_cache):
    """The actor of a platform or profile page, for an anonymous GET: its id kept
    for the generation (SHELL_CACHE_ENABLED), the page read by fetch_page."""
    from django.contrib.auth.models import AnonymousUser

    from electoral.models import CandidateProfileIndexPage, CandidateProfilePage
    from electoral.parties.models import PoliticalActorPage

    def fields(page):
        return {k: v for k, v in page.__dict__.items() if k != "_state"}

    def remembered(pk):
        request = rf.get("/")
        request.user = AnonymousUser()
        page = CandidateProfilePage.objects.get(pk=pk)
        page.remember_actor(request)
        assert page._actor_pk is not None  # known before the property is read
        with CaptureQueriesContext(connection) as queries:
            actor = page.actor
        # One query, compiled once: no ancestor query of the ORM's.
        assert len(queries.captured_queries) == 1
        sql = queries.captured_queries[0]["sql"]
        assert f'"page_ptr_id" = {page._actor_pk}' in sql and "ORDER BY" not in sql
        return actor

    profile = CandidateProfilePage.objects.live().order_by("path").first()
    theirs = PoliticalActorPage.objects.ancestor_of(profile).first()
    for _ in range(2):  # computed, then kept
        ours = remembered(profile.pk)
        assert type(ours) is PoliticalActorPage and fields(ours) == fields(theirs)
    other = (
        CandidateProfileIndexPage.objects.exclude(path__startswith=theirs.path)
        .order_by("path")
        .first()
    )
    profile.move(other, pos="last-child")
    moved = remembered(profile.pk)
    assert moved.pk != theirs.pk
    assert moved.pk == PoliticalActorPage.objects.ancestor_of(other).first().pk
    # A signed-in editor's page reads it the ORM's way (the property).
    request = rf.get("/")
    request.user = site.root_page.owner or AnonymousUser()
    page = CandidateProfilePage.objects.get(pk=profile.pk)
    request.COOKIES["sessionid"] = "x"
    page.remember_actor(request)
    assert "_actor_pk" not in page.__dict__ and page.actor.pk == moved.pk


def test_an_actor_card_is_the_orms_and_follows_a_publish_and_a_move(site, rf, shell_cache):
    """What a platform or profile shows of its actor (ActorCard: id, title, URL),
    kept for the generation for an anonymous GET: the same as the ORM's actor
    page, and a new one after the actor's publish or the page's move."""
    from django.contrib.auth.models import AnonymousUser

    from electoral.models import CandidateProfileIndexPage, CandidateProfilePage
    from electoral.parties.models import ActorCard, PoliticalActorPage

    def card(pk, user=None):
        request = rf.get("/")
        request.user = user or AnonymousUser()
        page = CandidateProfilePage.objects.get(pk=pk)
        page.remember_actor(request)
        with CaptureQueriesContext(connection) as queries:
            found = page.actor_card
        return found, len(queries.captured_queries)

    def orms(pk):
        actor = PoliticalActorPage.objects.ancestor_of(CandidateProfilePage.objects.get(pk=pk))
        actor = actor.get()
        return (actor.pk, actor.title, actor.url)

    profile = CandidateProfilePage.objects.live().order_by("path").first()
    for _ in range(2):  # computed, then kept: no query when the template reads it
        ours, queries = card(profile.pk)
        assert type(ours) is ActorCard and queries == 0
        assert (ours.pk, ours.title, ours.url) == orms(profile.pk)

    actor = PoliticalActorPage.objects.get(pk=ours.pk)
    actor.title = "Partido renombrado"
    actor.save_revision().publish()
    ours, _ = card(profile.pk)
    assert ours.title == "Partido renombrado"
    assert (ours.pk, ours.title, ours.url) == orms(profile.pk)

    other = (
        CandidateProfileIndexPage.objects.exclude(path__startswith=actor.path)
        .order_by("path")
        .first()
    )
    profile.move(other, pos="last-child")
    moved, _ = card(profile.pk)
    assert moved.pk != actor.pk and (moved.pk, moved.title, moved.url) == orms(profile.pk)

    # A signed-in editor's page reads it from the database (the ORM's actor).
    page = CandidateProfilePage.objects.get(pk=profile.pk)
    request = rf.get("/")
    request.user = site.root_page.owner or AnonymousUser()
    request.COOKIES["sessionid"] = "x"
    page.remember_actor(request)
    assert "actor_card" not in page.__dict__
    assert (page.actor_card.pk, page.actor_card.title, page.actor_card.url) == orms(profile.pk)


def test_a_precompiled_page_still_sends_post_init_to_its_receivers(site):
    """Built without the constructors only while no pre_init/post_init receiver
    listens: a receiver connected gets its signal, as from the ORM."""
    from django.db.models.signals import post_init

    page = MunicipalityPage.objects.live().get(name="Toluca")
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(receiver, sender=MunicipalityPage)
    try:
        assert routing.fetch_live_page(MunicipalityPage, page.pk).pk == page.pk
    finally:
        post_init.disconnect(receiver, sender=MunicipalityPage)
    assert seen == [page.pk]
    routing.fetch_live_page(MunicipalityPage, page.pk)
    assert seen == [page.pk]


def test_build_instance_is_model_from_db(site):
    """home.compiled.build_instance: the instance Model.from_db builds, for a
    whole row and for some fields (the others deferred), pages and plain models."""
    from electoral.parties.candidacies import Candidacy
    from home.compiled import build_instance

    page = MunicipalityPage.objects.live().get(name="Toluca")
    candidacy = Candidacy.objects.order_by("pk").first()
    cases = [
        (MunicipalityPage, ["page_ptr_id", "name"], [page.pk, page.name]),
        (Candidacy, ["id", "name"], [candidacy.pk, candidacy.name]),
        (
            Candidacy,
            [f.attname for f in Candidacy._meta.concrete_fields],
            [getattr(candidacy, f.attname) for f in Candidacy._meta.concrete_fields],
        ),
    ]
    for model, names, values in cases:
        ours = build_instance(model, "default", names, values)
        theirs = model.from_db("default", names, values)
        assert type(ours) is model and list(ours.__dict__) == list(theirs.__dict__)
        assert {k: v for k, v in ours.__dict__.items() if k != "_state"} == {
            k: v for k, v in theirs.__dict__.items() if k != "_state"
        }
        assert (ours._state.db, ours._state.adding) == ("default", False)
        assert ours.get_deferred_fields() == theirs.get_deferred_fields()
    assert (
        build_instance(MunicipalityPage, "default", ["page_ptr_id", "name"], [page.pk, "x"]).pk
        == page.pk
    )
