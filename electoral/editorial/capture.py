"""What each actor still has to capture: its platform (one section per topic
of IEEM's catalogue) and one profile per candidacy it heads.

Every item is in one of these states:

- «publicado»: the live page has it (a newer version may be in review);
- «en revisión»: only a version waiting for IEEM's review has it, or IEEM
  asked for changes to it (the reason is kept);
- «falta»: nothing yet, or only a draft that was never sent to review.

`progress_for(actors)` computes it for any number of actors in a fixed
number of queries; the party editors' dashboard, the IEEM report, its
dashboard panel and the reminders all read it, so their figures agree with
the public one (electoral.parties.capture), which counts live pages only.
"""

import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState

from electoral.parties.candidacies import Candidacy
from electoral.parties.models import (
    CandidateProfileIndexPage,
    CandidateProfilePage,
    PlatformPage,
    PoliticalActorPage,
    Topic,
)

PUBLISHED = "publicado"
IN_REVIEW = "en_revision"
CHANGES = "cambios"  # in review, sent back by IEEM with a reason
DRAFT = "borrador"  # counts as missing
MISSING = "falta"

STATUS_LABELS = {
    PUBLISHED: "Publicado",
    IN_REVIEW: "En revisión",
    CHANGES: "Cambios solicitados",
    DRAFT: "Borrador sin enviar",
    MISSING: "Falta",
}


@dataclass
class CaptureItem:
    kind: str  # "section" or "profile"
    label: str
    place: str
    status: str
    url: str  # admin URL to create or edit it
    reason: str = ""  # IEEM's requested changes
    submitted_at: datetime | None = None
    newer_in_review: bool = False  # published, and a new version waits for review
    candidacy_id: int | None = None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def bucket(self):
        if self.status == PUBLISHED:
            return PUBLISHED
        if self.status in (IN_REVIEW, CHANGES):
            return IN_REVIEW
        return MISSING


@dataclass
class Counts:
    published: int = 0
    in_review: int = 0
    changes: int = 0
    missing: int = 0

    @property
    def total(self):
        return self.published + self.in_review + self.missing

    @property
    def percent(self):
        if not self.total:
            return 0
        return (200 * self.published + self.total) // (2 * self.total)


def _count(items):
    counts = Counts()
    for item in items:
        if item.bucket == PUBLISHED:
            counts.published += 1
        elif item.bucket == IN_REVIEW:
            counts.in_review += 1
            counts.changes += item.status == CHANGES
        else:
            counts.missing += 1
    return counts


@dataclass
class ActorProgress:
    actor: PoliticalActorPage
    sections: list = field(default_factory=list)
    profiles: list = field(default_factory=list)
    last_edit: datetime | None = None
    pending_since: datetime | None = None  # oldest submission still waiting for IEEM

    @property
    def section_counts(self):
        return _count(self.sections)

    @property
    def profile_counts(self):
        return _count(self.profiles)

    @property
    def missing_items(self):
        return [i for i in self.sections + self.profiles if i.bucket == MISSING]

    @property
    def changes_items(self):
        return [i for i in self.sections + self.profiles if i.status == CHANGES]

    @property
    def pending_hours(self):
        if self.pending_since is None:
            return None
        return int((timezone.now() - self.pending_since).total_seconds() // 3600)

    @property
    def behind_score(self):
        """Share of what is still not published (0..1), for «furthest behind»."""
        total = self.section_counts.total + self.profile_counts.total
        done = self.section_counts.published + self.profile_counts.published
        return (total - done) / total if total else 0

    # Flat values for the report and its CSV/XLSX export.
    def __getattr__(self, name):
        prefix, _, what = name.partition("_")
        if prefix in ("sections", "profiles") and what in (
            "published",
            "in_review",
            "changes",
            "missing",
            "total",
            "percent",
        ):
            counts = self.section_counts if prefix == "sections" else self.profile_counts
            return getattr(counts, what)
        raise AttributeError(name)


def _topics_of(body):
    """Topic ids of the topic sections in a platform body (raw stream data)."""
    if isinstance(body, str):
        try:
            body = json.loads(body or "[]")
        except ValueError:
            return set()
    if hasattr(body, "raw_data"):
        body = body.raw_data
    topics = set()
    for item in body or []:
        value = item.get("value") or {}
        if item.get("type") == "topic_section" and value.get("topic"):
            topics.add(value["topic"])
    return topics


def _edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _add_url(model, parent_id, **params):
    url = reverse("wagtailadmin_pages:add", args=["electoral", model._meta.model_name, parent_id])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def _workflow_states(page_ids):
    """{page_id: WorkflowState} of the active (in progress / needs changes)
    workflow of each page, with the task state holding IEEM's reason."""
    if not page_ids:
        return {}
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in page_ids],
        )
        .select_related("current_task_state")
    )
    return {int(s.object_id): s for s in states}


def _state_status(state):
    if state is None:
        return None, "", None
    task_state = state.current_task_state
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return CHANGES, (task_state.comment if task_state else ""), state.created_at
    started = task_state.started_at if task_state else state.created_at
    return IN_REVIEW, "", started


def progress_for(actors):
    """[ActorProgress] for `actors` (pages), in their given order."""
    actors = list(actors)
    if not actors:
        return []
    by_id = {a.pk: ActorProgress(actor=a, last_edit=a.latest_revision_created_at) for a in actors}
    depth = actors[0].depth

    def owner(path):
        return path[: depth * Page.steplen]

    by_path = {a.path: by_id[a.pk] for a in actors}
    topics = list(Topic.objects.all())

    # Platforms and profile folders are children of the actor page.
    platforms = {
        owner(p.path): p
        for p in PlatformPage.objects.filter(depth=depth + 1).only(
            "id", "path", "live", "has_unpublished_changes", "latest_revision_id",
            "latest_revision_created_at", "body",
        )
        if owner(p.path) in by_path
    }  # fmt: skip
    index_ids = {
        owner(p.path): p.pk
        for p in CandidateProfileIndexPage.objects.filter(depth=depth + 1).only("id", "path")
    }

    heads = list(
        Candidacy.objects.heads()
        .filter(actor_id__in=list(by_id))
        .select_related("municipality", "district")
        .in_list_order()
    )
    profiles = {
        p.candidacy_id: p
        for p in CandidateProfilePage.objects.filter(candidacy_id__in=[c.pk for c in heads]).only(
            "id", "path", "live", "candidacy_id", "latest_revision_created_at", "title"
        )
    }
    states = _workflow_states(
        [p.pk for p in platforms.values()] + [p.pk for p in profiles.values()]
    )

    # The latest revision of platforms whose newest text is not the live one.
    pending_revisions = {
        p.latest_revision_id: p.pk
        for p in platforms.values()
        if p.latest_revision_id and (p.has_unpublished_changes or not p.live)
    }
    latest_topics = {
        pending_revisions[r.pk]: _topics_of(r.content.get("body"))
        for r in Revision.objects.filter(pk__in=list(pending_revisions)).only("id", "content")
    }

    for path, progress in by_path.items():
        platform = platforms.get(path)
        progress.sections = _platform_items(
            platform, topics, states, latest_topics, progress.actor.pk
        )
        if platform is not None:
            _touch(progress, platform.latest_revision_created_at)
            _pending(progress, states.get(platform.pk))

    for candidacy in heads:
        progress = by_id[candidacy.actor_id]
        profile = profiles.get(candidacy.pk)
        progress.profiles.append(
            _profile_item(candidacy, profile, states, index_ids.get(progress.actor.path))
        )
        if profile is not None:
            _touch(progress, profile.latest_revision_created_at)
            _pending(progress, states.get(profile.pk))
    return [by_id[a.pk] for a in actors]


def _touch(progress, when):
    if when and (progress.last_edit is None or when > progress.last_edit):
        progress.last_edit = when


def _pending(progress, state):
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return
    task_state = state.current_task_state
    started = task_state.started_at if task_state else state.created_at
    if progress.pending_since is None or started < progress.pending_since:
        progress.pending_since = started


def _platform_items(platform, topics, states, latest_topics, actor_id):
    live = _topics_of(platform.body) if platform is not None and platform.live else set()
    newest = latest_topics.get(platform.pk, live) if platform is not None else set()
    state = states.get(platform.pk) if platform is not None else None
    review_status, reason, since = _state_status(state)
    url = _add_url(PlatformPage, actor_id) if platform is None else _edit_url(platform.pk)
    items = []
    for topic in topics:
        if topic.id in live:
            status = PUBLISHED
        elif topic.id in newest:
            status = review_status or DRAFT
        else:
            status = MISSING
        items.append(
            CaptureItem(
                kind="section",
                label=topic.name,
                place="Plataforma electoral",
                status=status,
                url=url,
                reason=reason if status == CHANGES else "",
                submitted_at=since if status in (IN_REVIEW, CHANGES) else None,
                newer_in_review=status == PUBLISHED and review_status == IN_REVIEW,
            )
        )
    return items


def _profile_item(candidacy, profile, states, index_id):
    place = f"{candidacy.get_office_display()} · {candidacy.place_label}"
    if profile is None:
        url = _add_url(CandidateProfilePage, index_id, candidacy=candidacy.pk) if index_id else ""
        return CaptureItem(
            kind="profile",
            label=candidacy.display_name,
            place=place,
            status=MISSING,
            url=url,
            candidacy_id=candidacy.pk,
        )
    review_status, reason, since = _state_status(states.get(profile.pk))
    status = PUBLISHED if profile.live else review_status or DRAFT
    return CaptureItem(
        kind="profile",
        label=candidacy.display_name,
        place=place,
        status=status,
        url=_edit_url(profile.pk),
        reason=reason if review_status == CHANGES else "",
        submitted_at=since if review_status else None,
        newer_in_review=status == PUBLISHED and review_status == IN_REVIEW,
        candidacy_id=candidacy.pk,
    )


def actors_in_order():
    return PoliticalActorPage.objects.order_by("registration_order", "title")


# --- Pre-filling a new profile from «?candidacy=<id>» ---------------------

_prefill = ContextVar("decide_profile_prefill", default=None)


def remember_prefill(request, parent_page, page_class):
    """before_create_page: keep the requested head candidacy of this actor
    (ignored unless it heads a formula or slate for the parent's actor and
    has no profile yet)."""
    _prefill.set(None)
    if page_class is not CandidateProfilePage or request.method != "GET":
        return
    raw = request.GET.get("candidacy", "")
    if not raw.isdigit():
        return
    actor = PoliticalActorPage.objects.ancestor_of(parent_page, inclusive=True).first()
    if actor is None:
        return
    candidacy = (
        Candidacy.objects.heads()
        .filter(pk=int(raw), actor=actor, profile__isnull=True)
        .select_related("municipality", "district")
        .first()
    )
    _prefill.set(candidacy)


def apply_prefill(page):
    candidacy = _prefill.get()
    _prefill.set(None)
    if candidacy is None or not isinstance(page, CandidateProfilePage):
        return
    page.candidacy = candidacy
    page.title = candidacy.display_name
    page.slug = CandidateProfilePage.slug_for(candidacy)
