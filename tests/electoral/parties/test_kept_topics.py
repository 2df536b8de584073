"""The topics of a platform's or profile's stream, for an anonymous GET, come
from the taxonomy kept for the page-cache generation (electoral/parties/blocks.py
`topics_kept`): the same topics as the database's, a topic's save shows at
once, and editors still read the database."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from electoral.models import CandidateProfilePage, PlatformPage
from electoral.parties.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def shell_cache(settings):
    settings.SHELL_CACHE_ENABLED = True
    return settings


def anonymous(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    return request


def topics_of(page, name):
    return [
        {k: v for k, v in block.value["topic"].__dict__.items() if k != "_state"}
        for block in getattr(page, name)
    ]


def converted(model, pk, name, request):
    page = model.objects.get(pk=pk)
    page.convert_topic_streams(request)
    with CaptureQueriesContext(connection) as queries:
        topics = topics_of(page, name)
    return topics, len(queries.captured_queries)


@pytest.mark.parametrize(
    "model,name", [(PlatformPage, "body"), (CandidateProfilePage, "proposals")]
)
def test_kept_topics_are_the_databases_and_follow_a_save(site, rf, shell_cache, model, name):
    page = next(p for p in model.objects.live().order_by("path") if len(getattr(p, name)) > 1)
    orms = topics_of(model.objects.get(pk=page.pk), name)  # the query's topics
    for _ in range(2):  # computed, then kept: no query when the template reads them
        ours, queries = converted(model, page.pk, name, anonymous(rf))
        assert ours == orms and queries == 0

    topic = Topic.objects.get(pk=orms[0]["id"])
    topic.name = "Tema renombrado"
    topic.save()  # purges the generation
    ours, _ = converted(model, page.pk, name, anonymous(rf))
    assert ours[0]["name"] == "Tema renombrado"
    assert ours == topics_of(model.objects.get(pk=page.pk), name)

    # A signed-in editor's page reads them from the database.
    request = rf.get("/")
    request.user = site.root_page.owner or AnonymousUser()
    request.COOKIES["sessionid"] = "x"
    ours, queries = converted(model, page.pk, name, request)
    assert ours == topics_of(model.objects.get(pk=page.pk), name) and queries == 1


def test_duplicate_topics_are_distinct_objects(site, rf, shell_cache):
    """As Wagtail's ChooserBlock: a topic chosen twice in a stream is two objects."""
    page = next(p for p in PlatformPage.objects.live().order_by("path") if len(p.body) > 1)
    topic = page.body[0].value["topic"]
    raw = list(page.body.raw_data)
    for item in raw:
        item["value"]["topic"] = topic.pk
    page.body = raw
    page.save_revision().publish()
    fresh = PlatformPage.objects.get(pk=page.pk)
    fresh.convert_topic_streams(anonymous(rf))
    topics = [block.value["topic"] for block in fresh.body]
    assert all(t.pk == topic.pk for t in topics)
    assert len({id(t) for t in topics}) == len(topics)
