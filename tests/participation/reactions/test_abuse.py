"""Like-stuffing: fresh participant ids from one address bucket, flagged then refused.

Small factories: `fresh_visitor` is a browser that just got its participant
cookie (GET /participa/estado/, as the JavaScript does); `aged_visitor` holds
a cookie issued days ago. Limits are set small per test.
"""

import io
import time
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from participation import identity
from participation.models import Reaction, ReactionBurst, Target
from participation.reactions import abuse
from participation.setup_steps import participation_permissions
from tests.participation.conftest import TOPIC, TOPIC2, participant_client, press, press_form

SMALL = {
    "burst_flag": (2, 600),
    "burst_refuse": (4, 600),
    "burst_refuse_day": (100, 86400),
}


def fresh_visitor(page, remote="198.51.100.9", **extra):
    client = Client(REMOTE_ADDR=remote, **extra)
    participant_client(client, page)
    assert identity.COOKIE_NAME in client.cookies
    return client


def aged_visitor(remote="198.51.100.9", days=3):
    client = Client(REMOTE_ADDR=remote)
    issued = time.time() - days * 86400
    client.cookies[identity.COOKIE_NAME] = identity.cookie_value(identity.new_token(), issued)
    return client


def like(client, page, block=TOPIC):
    return press(client, page, block, "me_gusta", current="")


@pytest.fixture
def small_limits(settings):
    settings.PARTICIPATION_LIMITS = dict(SMALL)
    return settings


def test_fresh_ids_from_one_address_are_flagged_then_refused(feedback_page, small_limits):
    codes = [like(fresh_visitor(feedback_page), feedback_page).status_code for _ in range(6)]
    assert codes == [200, 200, 200, 200, 429, 429]
    rows = Reaction.objects.filter(target__block_id=TOPIC)
    assert rows.count() == 4  # counted
    assert rows.filter(burst__isnull=False).count() == 2  # the 3rd and 4th are flagged
    burst = ReactionBurst.objects.get()
    assert (burst.presses, burst.flagged, burst.refused) == (6, 2, 2)
    assert burst.target.block_id == TOPIC and burst.window_seconds == 600
    # The bucket is the day's keyed hash, never the address.
    assert len(burst.bucket) == 64 and "198.51.100.9" not in burst.bucket
    assert burst.bucket == identity.address_hash(fresh_visitor(feedback_page).get("/").wsgi_request)


def test_refusal_says_why_in_spanish(feedback_page, small_limits):
    for _ in range(4):
        like(fresh_visitor(feedback_page), feedback_page)
    response = like(fresh_visitor(feedback_page), feedback_page)
    assert response.status_code == 429
    assert response.json()["message"].startswith("Desde tu conexión llegaron demasiadas")
    form = press_form(fresh_visitor(feedback_page), feedback_page, TOPIC, "me_gusta")
    assert form.status_code == 429 and "Desde tu conexión" in form.content.decode()


def test_the_burst_is_per_target(feedback_page, small_limits):
    for _ in range(4):
        like(fresh_visitor(feedback_page), feedback_page, TOPIC)
    assert like(fresh_visitor(feedback_page), feedback_page, TOPIC2).status_code == 200
    assert not Reaction.objects.filter(target__block_id=TOPIC2, burst__isnull=False).exists()


def test_another_address_is_another_bucket(feedback_page, small_limits):
    for _ in range(4):
        like(fresh_visitor(feedback_page), feedback_page)
    elsewhere = fresh_visitor(feedback_page, remote="198.51.100.10")
    assert like(elsewhere, feedback_page).status_code == 200
    assert Reaction.objects.filter(burst__isnull=True).count() == 3


def test_ipv6_addresses_of_one_64_are_one_bucket(feedback_page, small_limits):
    codes = [
        like(fresh_visitor(feedback_page, remote=f"2001:db8:1:2::{n:x}"), feedback_page).status_code
        for n in range(1, 7)
    ]
    assert codes == [200, 200, 200, 200, 429, 429]
    other_64 = fresh_visitor(feedback_page, remote="2001:db8:1:3::1")
    assert like(other_64, feedback_page).status_code == 200


def test_participants_in_use_for_a_day_are_never_counted(feedback_page, small_limits):
    """An honest carrier-grade NAT: people whose cookie is not new are not a burst."""
    codes = [like(aged_visitor(), feedback_page).status_code for _ in range(8)]
    assert codes == [200] * 8
    assert not ReactionBurst.objects.exists()
    assert not Reaction.objects.filter(burst__isnull=False).exists()


def test_older_cookies_without_issue_time_still_work_and_count_as_aged(feedback_page, small_limits):
    from django.core import signing

    for _ in range(6):
        client = Client(REMOTE_ADDR="198.51.100.9")
        legacy = signing.Signer(salt="participation.participant").sign(identity.new_token())
        client.cookies[identity.COOKIE_NAME] = legacy
        assert like(client, feedback_page).status_code == 200
    assert Reaction.objects.count() == 6 and not ReactionBurst.objects.exists()


def test_withdrawing_is_never_counted(feedback_page, small_limits):
    client = fresh_visitor(feedback_page)
    for _ in range(4):  # like and withdraw four times: four presses set a reaction
        assert press(client, feedback_page, TOPIC, "me_gusta", current="").status_code == 200
        withdrawn = press(client, feedback_page, TOPIC, "me_gusta", current="me_gusta")
        assert withdrawn.status_code == 200 and withdrawn.json()["state"] is None
    burst = ReactionBurst.objects.get()
    assert (burst.presses, burst.flagged, burst.refused) == (4, 2, 0)
    assert press(client, feedback_page, TOPIC, "me_gusta", current="").status_code == 429


def test_refused_press_changes_nothing(feedback_page, small_limits):
    small_limits.PARTICIPATION_LIMITS["burst_refuse"] = (0, 600)
    response = like(fresh_visitor(feedback_page), feedback_page)
    assert response.status_code == 429 and not Reaction.objects.exists()
    assert ReactionBurst.objects.get().refused == 1


def test_daily_hard_limit(feedback_page, settings):
    settings.PARTICIPATION_LIMITS = {
        **SMALL,
        "burst_refuse": (99, 600),
        "burst_refuse_day": (3, 86400),
    }
    codes = [like(fresh_visitor(feedback_page), feedback_page).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_new_participant_ids_per_address_are_bounded_per_day(feedback_page, settings):
    settings.PARTICIPATION_LIMITS = {
        "cookie_address": (100, 3600),
        "cookie_address_day": (3, 86400),
    }
    got = []
    for _ in range(5):
        client = Client(REMOTE_ADDR="203.0.113.5")
        client.get(f"/participa/estado/?pagina={feedback_page.pk}")
        got.append(identity.COOKIE_NAME in client.cookies)
    assert got == [True, True, True, False, False]
    # A cookieless press from that address is then refused instead of asked to repeat.
    assert like(Client(REMOTE_ADDR="203.0.113.5"), feedback_page).status_code == 429
    other = Client(REMOTE_ADDR="203.0.113.6")
    other.get(f"/participa/estado/?pagina={feedback_page.pk}")
    assert identity.COOKIE_NAME in other.cookies


def test_new_participant_ids_bucket_ipv6_by_64(feedback_page, settings):
    settings.PARTICIPATION_LIMITS = {"cookie_address": (2, 3600)}
    got = []
    for n in range(1, 5):
        client = Client(REMOTE_ADDR=f"2001:db8:aa:bb:{n}::1")
        client.get(f"/participa/estado/?pagina={feedback_page.pk}")
        got.append(identity.COOKIE_NAME in client.cookies)
    assert got == [True, True, False, False]


def test_flagged_counts_per_target_and_actor(feedback_page, small_limits):
    for _ in range(4):
        like(fresh_visitor(feedback_page), feedback_page)
    like(fresh_visitor(feedback_page, remote="198.51.100.77"), feedback_page, TOPIC2)
    topic = Target.objects.get(block_id=TOPIC)
    topic2 = Target.objects.get(block_id=TOPIC2)
    assert abuse.flagged_by_target() == {topic.pk: 2}
    assert abuse.flagged_by_target([topic2]) == {}
    assert abuse.flagged_by_actor() == {"Partido de Prueba": 2}
    # A flagged reaction withdrawn by its participant no longer counts.
    Reaction.objects.filter(burst__isnull=False).first().delete()
    assert abuse.flagged_by_target() == {topic.pk: 1}


def test_no_javascript_redirect_carries_only_the_outcome(feedback_page):
    client = fresh_visitor(feedback_page, remote="203.0.113.77")
    response = press_form(client, feedback_page, TOPIC, "me_gusta")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert dict(parse_qsl(location.query)) == {"participa": "registrado-me_gusta", "bloque": TOPIC}
    raw = client.cookies[identity.COOKIE_NAME].value
    token = identity.token_from_request(type("R", (), {"COOKIES": {identity.COOKIE_NAME: raw}}))
    secrets = [
        token,
        identity.participant_hash(token),
        "203.0.113.77",
        Reaction.objects.get().participant,
    ]
    assert not any(s in response["Location"] for s in secrets)
    again = press_form(client, feedback_page, TOPIC, "me_gusta")
    assert dict(parse_qsl(urlsplit(again["Location"]).query))["participa"] == "retirado"


def test_purge_of_personal_data_forgets_burst_buckets(feedback_page, small_limits):
    for _ in range(3):
        like(fresh_visitor(feedback_page), feedback_page)
    assert ReactionBurst.objects.exclude(bucket="").exists()
    call_command("purge_participation", "--datos-personales", "--forzar", stdout=io.StringIO())
    burst = ReactionBurst.objects.get()
    assert burst.bucket == "" and burst.flagged == 1
    assert Reaction.objects.filter(burst=burst).count() == 1


# --- the admin listing --------------------------------------------------------


@pytest.fixture
def flagged(feedback_page, small_limits):
    for _ in range(5):
        like(fresh_visitor(feedback_page), feedback_page)
    return ReactionBurst.objects.get()


def _user(django_user_model, group_name, username):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, password="clave-larga-de-prueba")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_moderators_and_administrators_see_flagged_bursts(client, django_user_model, flagged):
    participation_permissions(stdout=io.StringIO())
    url = reverse("participation_bursts_report")
    for group, name in (("Moderación IEEM", "mod"), ("Administración IEEM", "jefa")):
        client.force_login(_user(django_user_model, group, name))
        html = client.get(url).content.decode()
        assert "Ráfagas de reacciones señaladas" in html
        assert "Reacciones señaladas que siguen guardadas: 2." in html
        assert "<td>PDP</td>" in html and "Seguridad" in html
        assert "<td>5</td>" in html and "<td>1</td>" in html  # presses, refused
        assert "198.51.100.9" not in html and flagged.bucket not in html
        assert "rafagas-senaladas" in client.get("/admin/").content.decode()  # menu


def test_party_editors_cannot_see_flagged_bursts(client, django_user_model, flagged):
    from django.contrib.auth.models import Group, Permission

    participation_permissions(stdout=io.StringIO())
    party, _ = Group.objects.get_or_create(name="Editores PDP")  # the actor's own group
    party.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(_user(django_user_model, "Editores PDP", "editor-pdp"))
    response = client.get(reverse("participation_bursts_report"))
    assert response.status_code in (302, 403)
    assert "Seguridad" not in response.content.decode()
    assert "rafagas-senaladas" not in client.get("/admin/").content.decode()


def test_login_address_is_a_daily_pseudonym_of_the_bucket(db, monkeypatch):
    import ipaddress
    from datetime import timedelta

    from django.test import RequestFactory
    from django.utils import timezone

    def pseudonym(remote):
        return identity.login_address(RequestFactory().get("/", REMOTE_ADDR=remote))

    today = pseudonym("2001:db8:1:2::1")
    assert ipaddress.IPv6Address(today) in ipaddress.ip_network("fd00::/8")
    assert pseudonym("2001:db8:1:2:ffff::9") == today  # same /64
    assert pseudonym("2001:db8:1:3::1") != today
    assert "198.51.100.7" not in pseudonym("198.51.100.7")
    later = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert pseudonym("2001:db8:1:2::1") != today  # another day, another secret


def test_one_statement_counts_a_press_and_its_burst(feedback_page, small_limits):
    """The rate limits and the burst of a fresh press: one upsert, then the reaction."""
    from django.db import connection

    client = fresh_visitor(feedback_page)
    writes = []

    def count(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
        return execute(sql, params, many, context)

    like(fresh_visitor(feedback_page), feedback_page, TOPIC2)  # targets are created at first use
    writes.clear()
    with connection.execute_wrapper(count):
        assert like(client, feedback_page, TOPIC2).status_code == 200
    counters = [sql for sql in writes if "participation_ratecounter" in sql]
    assert len(counters) == 1 and len(writes) == 2, writes


def test_a_press_refused_by_the_rate_limits_is_no_press_of_the_burst(feedback_page, small_limits):
    small_limits.PARTICIPATION_LIMITS["reaction_participant"] = (1, 60)
    client = fresh_visitor(feedback_page)
    assert like(client, feedback_page).status_code == 200
    for _ in range(3):  # refused by the participant's limit: counted there, not in the burst
        assert press(client, feedback_page, TOPIC2, "me_gusta", current="").status_code == 429
    from participation.models import RateCounter

    def counters(name):
        return {
            row.key.split(":")[2]: row.count
            for row in RateCounter.objects.filter(key__startswith=f"rl:{name}:")
        }

    assert list(counters("reaction_participant").values()) == [4]
    topic, topic2 = (Target.objects.get(block_id=block).pk for block in (TOPIC, TOPIC2))
    for name in ("burst_flag", "burst_refuse", "burst_refuse_day"):
        # The first press counts in its burst; the three refused ones were taken back.
        assert counters(name) == {str(topic): 1, str(topic2): 0}, name
