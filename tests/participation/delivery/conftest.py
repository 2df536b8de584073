"""A small delivery dataset: three parties, a coalition of two of them, two
independents (one elected in the results, one not), platforms and a
candidate profile with reactions and ideas of every status.

Every idea text carries a marker naming its actor and status, so a test can
say which texts may (and may not) appear in whose package.
"""

import io
import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from electoral.models import PoliticalActorPage
from electoral.parties.importers import ensure_parties_index
from electoral.results.models import Contest, VoteOption
from participation import targets
from participation.models import Idea, Reaction
from participation.reactions.models import ReactionBurst
from tests.electoral.factories import (
    make_actor,
    make_candidacy,
    make_municipality,
    make_platform,
    make_profile,
    topics,
)
from tests.participation.conftest import set_phase

T1 = "0d1e0000-0000-4000-8000-000000000001"
T2 = "0d1e0000-0000-4000-8000-000000000002"

# (slug, reactions per target: (likes, dislikes)) — different for every actor.
LIKES = {"pan": (5, 2), "pri": (3, 4), "morena": (7, 1), "va": (2, 6), "ind-a": (4, 4)}


def _platform(actor, topic_list):
    body = [
        {
            "type": "topic_section",
            "id": block_id,
            "value": {"topic": t.id, "title": f"{title} {actor.acronym}", "text": "<p>Texto.</p>"},
        }
        for block_id, t, title in ((T1, topic_list[0], "Seguridad"), (T2, topic_list[1], "Salud"))
    ]
    page = make_platform(actor, [])
    page.body = json.dumps(body)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _react(target, likes, dislikes, prefix, burst=None):
    rows = [
        Reaction(target=target, participant=f"{prefix}-l{i}", value=Reaction.LIKE)
        for i in range(likes)
    ] + [
        Reaction(target=target, participant=f"{prefix}-d{i}", value=Reaction.DISLIKE)
        for i in range(dislikes)
    ]
    Reaction.objects.bulk_create(rows)
    if burst is not None:
        Reaction.objects.filter(pk__in=[r.pk for r in rows[:2]]).update(burst=burst)


def make_idea(target, text, status=Idea.ACCEPTED, reason="", municipality="", days_ago=3):
    return Idea.objects.create(
        target=target,
        text=text,
        text_hash=text,
        name="Nombre Secreto",
        email="secreto@example.org",
        municipality_name=municipality,
        consent_at=timezone.now(),
        created_at=timezone.now() - timedelta(days=days_ago),
        status=status,
        reason=reason if status == Idea.REJECTED else "",
    )


def build_dataset():
    from home.pagetree import ensure_home_page

    home, _ = ensure_home_page(title="Decide IEEM", intro="Inicio")
    index = ensure_parties_index(home)
    topic_list = topics()
    actors = {
        "pan": make_actor(index, "pan", order=1, title="Partido Acción Nacional"),
        "pri": make_actor(index, "pri", order=2, title="Partido Revolucionario Institucional"),
        "morena": make_actor(index, "morena", order=3, title="Morena"),
        "va": make_actor(
            index, "va", order=10, kind=PoliticalActorPage.KIND_COALITION, title="Va por Prueba"
        ),
        "ind-a": make_actor(
            index,
            "ind-a",
            order=20,
            kind=PoliticalActorPage.KIND_INDEPENDENT,
            title="Independiente Electa",
        ),
        "ind-b": make_actor(
            index,
            "ind-b",
            order=21,
            kind=PoliticalActorPage.KIND_INDEPENDENT,
            title="Independiente No Electo",
        ),
    }
    actors["va"].member_parties.set([actors["pan"], actors["pri"]])
    actors["va"].save_revision().publish()
    town = make_municipality(1, "Acambay")
    made = {}
    for slug, (likes, dislikes) in LIKES.items():
        actor = actors[slug]
        page = _platform(actor, topic_list)
        whole = targets.resolve(page.pk, "")
        t1 = targets.resolve(page.pk, T1)
        t2 = targets.resolve(page.pk, T2)
        assert whole and t1 and t2, slug
        burst = ReactionBurst.objects.create(
            target=t1, bucket=f"b-{slug}", window_start=timezone.now(), window_seconds=600
        )
        _react(whole, likes, dislikes, f"{slug}-w")
        _react(t1, likes + 1, dislikes, f"{slug}-1", burst=burst)
        _react(t2, 0, dislikes + 2, f"{slug}-2")
        make_idea(t1, f"IDEA-ACEPTADA-{slug} sobre seguridad", municipality="Acambay")
        make_idea(whole, f'=HYPERLINK("x") IDEA-ACEPTADA-FORMULA-{slug}')
        make_idea(t2, f"RECHAZADA-{slug} spam", Idea.REJECTED, "spam")
        make_idea(t2, f"RECHAZADA-{slug} ofensiva", Idea.REJECTED, "ofensiva")
        make_idea(t1, f"RECHAZADA-{slug} otra spam", Idea.REJECTED, "spam")
        make_idea(t1, f"PENDIENTE-{slug}", Idea.PENDING)
        made[slug] = SimpleNamespace(page=page, targets=[whole, t1, t2])
    # A candidate profile of PAN with one proposal.
    candidacy = make_candidacy(actors["pan"], municipality=town, name="ANA PRUEBA", is_head=True)
    profile = make_profile(
        candidacy,
        proposals=[
            (topic_list[0], "Más alumbrado", "<p>x</p>"),
            (topic_list[1], "Clínicas de noche", "<p>y</p>"),
        ],
    )
    profile_targets = [targets.resolve(profile.pk, b) for b, _ in profile.feedback_targets()]
    assert all(profile_targets) and len(profile_targets) == 2
    for i, target in enumerate(profile_targets):
        _react(target, 3 + i, 1, f"prof-{i}")
    make_idea(profile_targets[1], "IDEA-ACEPTADA-pan sobre la propuesta")
    made["pan"].profile = profile
    made["pan"].profile_targets = profile_targets
    # Official results: ind-a wins Acambay, ind-b loses in district 1 (here: same town).
    win = Contest.objects.create(
        key="ayuntamiento-2021-1",
        office=Contest.Office.AYUNTAMIENTO,
        municipality=town,
        process_year=2021,
        status=Contest.Status.FINAL,
        source_name="Prueba (ficticio)",
    )
    for position, (label, actor, votes) in enumerate(
        [
            ("PAN", actors["pan"], 300),
            ("IND_A", actors["ind-a"], 500),
            ("IND_B", actors["ind-b"], 20),
        ]
    ):
        VoteOption.objects.create(
            contest=win,
            position=position + 1,
            label=label,
            name=actor.title,
            kind=VoteOption.Kind.INDEPENDENT if actor.is_independent else VoteOption.Kind.PARTY,
            actor=actor,
            candidacy=label,
            candidacy_name=actor.title,
            votes=votes,
        )
    return SimpleNamespace(actors=actors, made=made)


def build_delivery_snapshot():
    """The "delivery" snapshot (tests/helpers/snapshots.py): the dataset, built
    while participation is open, then the calendar in the delivery phase."""
    set_phase("campaign")
    data = build_dataset()
    set_phase("delivery")
    return data


ACTOR_SLUGS = ["pan", "pri", "morena", "va", "ind-a", "ind-b"]


def load_dataset():
    """The snapshot's dataset, looked up: the actors by registry key."""
    found = PoliticalActorPage.objects.filter(registry_key__in=ACTOR_SLUGS)
    by_key = {actor.registry_key: actor for actor in found}
    assert sorted(by_key) == sorted(ACTOR_SLUGS), sorted(by_key)
    return SimpleNamespace(actors={slug: by_key[slug] for slug in ACTOR_SLUGS})


# Snapshots that hold the delivery dataset (build_delivery_snapshot).
DATASET_SNAPSHOTS = ("delivery", "delivery-admin")


@pytest.fixture
def delivery_dataset(db, request):
    """The delivery dataset: built once as the "delivery" snapshot and looked
    up here (the calendar's dates are set again: they are relative to now)."""
    from tests.helpers.snapshots import snapshot_for

    if snapshot_for(request.node, request.fixturenames) in DATASET_SNAPSHOTS:
        data = load_dataset()
        set_phase("delivery")
        return data
    return build_delivery_snapshot()


@pytest.fixture
def dataset(delivery_dataset):
    """The delivery tests' short name for it (the snapshot is keyed on the
    longer one, so another folder's `dataset` fixture is not taken for it)."""
    return delivery_dataset


def make_ieem_admin():
    """Administración IEEM's user "admin-ieem", with the groups and permissions
    setup_site gives (keyed on the username: the one a snapshot holds, if any)."""
    from django.contrib.auth import get_user_model

    from electoral.editorial.groups import ensure_staff_groups
    from participation.setup_steps import participation_permissions

    User = get_user_model()
    existing = User.objects.filter(username="admin-ieem").first()
    if existing is not None:
        return existing
    ensure_staff_groups()  # as setup_site: Administración's page permissions (its log view)
    participation_permissions(stdout=io.StringIO())
    user = User.objects.create_user("admin-ieem", password="x", first_name="Ada")
    user.groups.add(Group.objects.get(name="Administración IEEM"))
    return user


def make_delivery_editors(dataset):
    """One editor per actor of the dataset ("editor-<key>"), in the actor's
    synced group (keyed on the username: the ones a snapshot holds, if any)."""
    from django.contrib.auth import get_user_model

    from electoral.editorial.groups import sync_actor
    from electoral.editorial.models import PartyEditorAccount

    User = get_user_model()
    users = {}
    for slug, actor in dataset.actors.items():
        user = User.objects.filter(username=f"editor-{slug}").first()
        if user is None:
            link = sync_actor(actor)
            user = User.objects.create_user(f"editor-{slug}", password="x")
            user.groups.add(link.group)
            PartyEditorAccount.objects.create(
                user=user, actor_id=actor.pk, issued_password="!", must_change_password=False
            )
        users[slug] = user
    return users


def build_delivery_admin_snapshot():
    """The "delivery-admin" snapshot: the delivery dataset, IEEM's admin user
    and an editor per actor (tests/participation/delivery/test_admin.py)."""
    data = build_delivery_snapshot()
    make_ieem_admin()
    make_delivery_editors(data)


@pytest.fixture
def ieem_admin(db):
    return make_ieem_admin()


@pytest.fixture
def ieem_moderator(django_user_model, ieem_admin):
    user = django_user_model.objects.create_user("moderadora", password="x")
    user.groups.add(Group.objects.get(name="Moderación IEEM"))
    return user
