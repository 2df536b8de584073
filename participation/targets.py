"""From (page id, block id) to a Target.

Any live page whose type implements `home.participation.ParticipationTarget`
(its `feedback_targets()` list the blocks, "" being the whole page, and it
states their kind, actor and order) can receive reactions and ideas; today
those are the platform and candidate profile pages of `electoral`. This module
never imports their classes: it asks the interface.
"""

import time

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.models import Page

from home import participation as participation_kinds
from home.participation import is_participation_target


class Target(models.Model):
    """Something a citizen can react to: a page, or one block of it."""

    # The kinds a page declares (home.participation.ParticipationTarget).
    KIND_PLATFORM = participation_kinds.PLATFORM
    KIND_TOPIC = participation_kinds.TOPIC
    KIND_PROPOSAL = participation_kinds.PROPOSAL
    KIND_PROFILE = participation_kinds.PROFILE
    KIND_OTHER = participation_kinds.OTHER
    KIND_CHOICES = [
        (KIND_PLATFORM, "Plataforma completa"),
        (KIND_TOPIC, "Tema de una plataforma"),
        (KIND_PROPOSAL, "Propuesta de una candidatura"),
        (KIND_PROFILE, "Perfil de candidatura completo"),
        (KIND_OTHER, "Otro"),
    ]

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Página",
    )
    page_key = models.PositiveIntegerField(
        "Id de la página", help_text="Se conserva aunque la página se elimine."
    )
    block_id = models.CharField("Id del bloque", max_length=64, blank=True)
    kind = models.CharField("Tipo", max_length=12, choices=KIND_CHOICES, default=KIND_OTHER)
    label = models.CharField("Elemento", max_length=255)
    page_title = models.CharField("Título de la página", max_length=255)
    actor = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Actor político",
    )
    actor_title = models.CharField("Actor político", max_length=255, blank=True)
    actor_acronym = models.CharField("Siglas", max_length=40, blank=True)
    actor_slug = models.SlugField("Slug del actor", max_length=255, blank=True)
    actor_order = models.PositiveIntegerField("Orden de registro", null=True, blank=True)
    created_at = models.DateTimeField("Creado", default=timezone.now)

    class Meta:
        verbose_name = "Elemento con participación"
        verbose_name_plural = "Elementos con participación"
        ordering = ["actor_order", "actor_title", "page_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["page_key", "block_id"], name="participation_target_page_block"
            )
        ]

    def __str__(self):
        actor = self.actor_acronym or self.actor_title
        return f"{actor} · {self.label}" if actor else self.label

    @property
    def still_exists(self):
        return self.page_id is not None


_CACHE_SECONDS = 300
BLOCK_ID_MAX = 64


def actor_choices():
    """[(title, title)] of the actors that have targets, in registration order."""
    titles = (
        Target.objects.exclude(actor_title="")
        .order_by("actor_order", "actor_title")
        .values_list("actor_title", flat=True)
        .distinct()
    )
    seen = []
    for title in titles:
        if title not in seen:
            seen.append(title)
    return [(t, t) for t in seen]


def is_feedback_page(page):
    return page is not None and is_participation_target(page)


def target_labels(page):
    """{block_id: label} of `page`, computed once per page instance."""
    labels = getattr(page, "_participation_labels", None)
    if labels is None:
        labels = {}
        for block_id, label in page.feedback_targets() or []:
            labels[str(block_id or "")] = str(label or page.title)
        page._participation_labels = labels
    return labels


def actor_of(page):
    """The actor page participation on `page` is delivered to, or None."""
    try:
        return page.participation_actor()
    except Exception:  # a half-built page must not break participation
        return None


def snapshot(page, block_id):
    """The Target fields describing `page`'s block `block_id` right now."""
    actor = actor_of(page)
    try:
        order = page.participation_order()
    except Exception:  # a half-built page must not break participation
        order = None
    return {
        "page_id": page.pk,
        "kind": page.participation_kind(block_id),
        "label": target_labels(page)[block_id][:255],
        "page_title": page.title[:255],
        "actor_id": actor.pk if isinstance(actor, Page) else None,
        "actor_title": (getattr(actor, "title", "") or "")[:255],
        "actor_acronym": (getattr(actor, "acronym", "") or "")[:40],
        "actor_slug": (getattr(actor, "slug", "") or "")[:255],
        "actor_order": order if isinstance(order, int) else None,
    }


def _version(page_id):
    return cache.get(f"participation:pagever:{page_id}", 0)


def _bump(page_id):
    forget_memo()
    key = f"participation:pagever:{page_id}"
    cache.add(key, 0, None)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, None)


def live_feedback_page(page_id):
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    page = Page.objects.live().filter(pk=page_id).first()
    page = page.specific if page is not None else None
    return page if is_feedback_page(page) else None


def resolve(page_id, block_id):
    """The Target for a live feedback page's block, creating it on first use.

    Returns None when the page is not live, has no feedback targets, or the
    block id is not one of them (e.g. a deleted proposal: its existing
    reactions are kept, but no new ones are accepted).
    """
    block_id = (block_id or "").strip()
    if len(block_id) > BLOCK_ID_MAX:
        return None
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    memo_key = (page_id, block_id)
    memo = _memo.get(memo_key)
    if memo is not None and time.monotonic() - memo[0] < _MEMO_SECONDS:
        return memo[1]
    key = f"participation:target:{page_id}:{_version(page_id)}:{block_id}"
    target_id = cache.get(key)
    if target_id:
        target = Target.objects.filter(pk=target_id).first()
        if target is not None:
            return _remember(memo_key, target)
    page = live_feedback_page(page_id)
    if page is None or block_id not in target_labels(page):
        return None
    fields = snapshot(page, block_id)
    target = Target.objects.filter(page_key=page.pk, block_id=block_id).first()
    if target is None:
        try:
            with transaction.atomic():
                target = Target.objects.create(page_key=page.pk, block_id=block_id, **fields)
        except IntegrityError:
            target = Target.objects.get(page_key=page.pk, block_id=block_id)
    changed = [name for name, value in fields.items() if getattr(target, name) != value]
    if changed:
        for name in changed:
            setattr(target, name, fields[name])
        target.save(update_fields=changed)
    cache.set(key, target.pk, _CACHE_SECONDS)
    return _remember(memo_key, target)


# A short per-process memo on top of the shared cache: at most this many
# seconds pass before a process notices an unpublished page or deleted block.
_MEMO_SECONDS = 2.0
_memo: dict = {}


def _remember(key, target):
    if len(_memo) > 5000:
        _memo.clear()
    _memo[key] = (time.monotonic(), target)
    return target


def forget_memo():
    _memo.clear()


def page_changed(sender, instance, **kwargs):
    """A target page was published, unpublished or deleted: lookups start afresh."""
    _bump(instance.pk)
