"""Pages found by their URL in two queries (home/routing.py), with Wagtail's
answers kept: drafts and unknown URLs are 404, private pages stay private."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from electoral.models import MunicipalityPage
from home import routing

pytestmark = pytest.mark.django_db


def page_queries(client, url):
    client.get(url)  # warm the site and content-type caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_deep_page_is_routed_in_two_queries(client, site):
    page = MunicipalityPage.objects.live().get(name="Toluca")
    response, queries = page_queries(client, page.url)
    assert response.status_code == 200
    assert "Toluca" in response.content.decode()
    routing_queries = [q for q in queries if '"wagtailcore_page"."url_path" =' in q]
    assert len(routing_queries) == 1
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
    assert "Cabecera municipal" not in html


def test_a_restricted_ancestor_keeps_its_descendants_private(client, site):
    page = MunicipalityPage.objects.live().get(name="Toluca")
    assert routing.view_restrictions(page) == []
    folder = page.get_parent()
    restriction = PageViewRestriction.objects.create(
        page=folder, restriction_type=PageViewRestriction.PASSWORD, password="secreto"
    )
    assert routing.view_restrictions(page) == [restriction]
    html = client.get(page.url).content.decode()
    assert 'name="password"' in html and "Cabecera municipal" not in html


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
