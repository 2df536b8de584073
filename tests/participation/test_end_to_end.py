"""Against the real platform and candidate profile pages built by setup_site."""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.cache import cache

from participation.models import Idea, Reaction, Target

from .conftest import participant_client, press, press_form, started
from .factories import IdeaFactory, seed_reactions

pytestmark = pytest.mark.django_db

# Distinctive totals seeded below; none may appear on any public response.
# Figures no public page shows by chance: 6173, used before, is a real section
# number (listed by /datos/secciones.csv).
SEEDED = {"topic_likes": 7919, "platform_dislikes": 8731, "proposal_likes": 9461}
SECRET_IDEA = "Idea confidencial ZX-81 que nunca debe publicarse"
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/documentos/", "/django-admin/")


def pages(site):
    from electoral.models import CandidateProfilePage, PlatformPage

    platform = PlatformPage.objects.live().filter(body__isnull=False).order_by("pk").first()
    profile = next(
        p for p in CandidateProfilePage.objects.live().order_by("pk") if p.feedback_targets()
    )
    return platform, profile


def number_pattern(n):
    # A count is a number on its own: not a piece of a longer number, nor of a block's
    # UUID or another identifier ("…-9461-…"), which random data can make look like one.
    s = str(n)
    return re.compile(rf"(?<![\w-]){s[:-3]}[,.\s\u00a0\u202f]?{s[-3:]}(?![\w-])")


def count_screen(n):
    """(quick, exact) for `n`: the quick pattern is the exact one without its
    look-arounds, so it matches wherever the exact one does; it starts with a
    literal, so re scans a page for it ~50x faster than for the exact pattern
    (which is tried at every position). The exact one runs only where it hits."""
    s = str(n)
    return re.compile(rf"{s[:-3]}[,.\s\u00a0\u202f]?{s[-3:]}"), number_pattern(n)


def shows(screen, body):
    quick, exact = screen
    return quick.search(body) is not None and exact.search(body) is not None


def test_platform_and_profile_end_to_end(client, site):
    platform, profile = pages(site)
    topic_id = platform.feedback_targets()[1][0]
    html = client.get(platform.url).content.decode()
    assert html.count('action="/participa/reaccion/"') == len(platform.feedback_targets())
    assert f'id="participa-{topic_id}"' in html
    assert "csrfmiddlewaretoken" not in html and html.count("js/participation.js") == 1
    # Without JavaScript: press, come back, see the own choice at that topic.
    participant_client(client, platform)
    r = press_form(client, platform, topic_id, "me_gusta")
    back = client.get(r["Location"]).content.decode()
    assert "Registramos tu «Me gusta»" in back
    # With JavaScript: switch and withdraw.
    assert (
        press(client, platform, topic_id, "no_me_gusta", current="me_gusta").json()["state"]
        == "no_me_gusta"
    )
    assert (
        press(client, platform, topic_id, "no_me_gusta", current="no_me_gusta").json()["state"]
        is None
    )
    target = Target.objects.get(page_key=platform.pk, block_id=topic_id)
    assert target.kind == Target.KIND_TOPIC and target.actor_title == platform.actor.title
    assert target.actor_order == platform.actor.registration_order
    # An idea on a proposal of a candidate profile.
    proposal_id, proposal_title = profile.feedback_targets()[0]
    assert f'id="participa-{proposal_id}"' in client.get(profile.url).content.decode()
    r = client.post(
        "/participa/idea/",
        {
            "pagina": profile.pk,
            "bloque": proposal_id,
            "texto": "Que la propuesta incluya a las comunidades rurales.",
            "acepto": "on",
            "inicio": started(),
        },
    )
    assert r.status_code == 302
    idea = Idea.objects.get()
    assert idea.target.kind == Target.KIND_PROPOSAL and idea.target.label == proposal_title


def test_no_public_response_reveals_counts_or_ideas(client, site):
    platform, profile = pages(site)
    topic_id = platform.feedback_targets()[1][0]
    proposal_id = profile.feedback_targets()[0][0]
    from participation import targets

    topic = targets.resolve(platform.pk, topic_id)
    whole = targets.resolve(platform.pk, "")
    proposal = targets.resolve(profile.pk, proposal_id)
    seeded = [
        (topic, Reaction.LIKE, SEEDED["topic_likes"], "a"),
        (whole, Reaction.DISLIKE, SEEDED["platform_dislikes"], "b"),
        (proposal, Reaction.LIKE, SEEDED["proposal_likes"], "c"),
    ]
    for target, value, n, prefix in seeded:
        assert seed_reactions(target, value, n, prefix) == n
        assert Reaction.objects.filter(target=target, value=value).count() == n
    IdeaFactory(target=topic, text=SECRET_IDEA, status=Idea.ACCEPTED)
    cache.clear()
    screens = [count_screen(n) for n in [*SEEDED.values(), sum(SEEDED.values())]]

    # The sitemap's response is the one the crawl gets at "/sitemap.xml" (and
    # checks like every other): the same GET, not made twice.
    fetched = {"/sitemap.xml": client.get("/sitemap.xml")}
    sitemap = fetched["/sitemap.xml"].content.decode()
    start = ["/", "/sitemap.xml", "/robots.txt"] + [
        urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    queue, seen, checked = deque(start), set(), 0
    seen_with_query = 0  # how many of `seen` have a query string (counted, not re-summed)
    feedback_pages = set()
    while queue and checked < 700:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        seen_with_query += "?" in url
        response = fetched.pop(url) if url in fetched else client.get(url)
        checked += 1
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode("utf-8", "replace")
        for screen in screens:
            assert not shows(screen, body), f"{url} shows a confidential count"
        assert SECRET_IDEA not in body, url
        for m in re.finditer(r'data-page="(\d+)"', body):
            feedback_pages.add(m.group(1))
        for href in re.findall(r'href="([^"]+)"', body):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            if href.startswith("/") and not href.startswith("//") and href not in seen:
                if "?" in href and seen_with_query > 250:
                    continue
                queue.append(href)
    assert checked > 20 and {str(platform.pk), str(profile.pk)} <= feedback_pages
    # The participant JSON of every page with controls, for a fresh visitor and a voter.
    voter = type(client)()
    participant_client(voter, platform)
    press(voter, platform, topic_id, "me_gusta", current="")
    for c in (client, voter):
        for page_id in feedback_pages:
            body = c.get(f"/participa/estado/?pagina={page_id}").content.decode()
            assert not any(shows(screen, body) for screen in screens)
            assert "7920" not in body


def test_count_detector_can_fail():
    p = number_pattern(7919)
    assert p.search("7919 me gusta") and p.search("7,919") and p.search("7 919")
    assert not p.search("479190") and not p.search("17919")
    assert not p.search("1c2d-7919-4abc") and not p.search("a7919f")
    screen = count_screen(7919)
    for text in ("7919 me gusta", "7,919", "7 919", "7\u202f919", "<b>7.919</b>"):
        assert shows(screen, text), text
    for text in ("479190", "17919", "1c2d-7919-4abc", "a7919f", "7-919", "79 19"):
        assert not shows(screen, text), text
