"""From (page id, block id) to a Target, by duck typing.

Any live page that defines `feedback_targets()` (a list of (block id, label),
"" being the whole page) can receive reactions and ideas; today those are the
platform and candidate profile pages of `electoral`. This module never imports
their classes, so participation keeps working while they change.
"""

import time

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .models import Target

_CACHE_SECONDS = 300
BLOCK_ID_MAX = 64


def is_feedback_page(page):
    return page is not None and callable(getattr(page, "feedback_targets", None))


def target_labels(page):
    """{block_id: label} of `page`, computed once per page instance."""
    labels = getattr(page, "_participation_labels", None)
    if labels is None:
        labels = {}
        for block_id, label in page.feedback_targets() or []:
            labels[str(block_id or "")] = str(label or page.title)
        page._participation_labels = labels
    return labels


def target_kind(page, block_id):
    name = type(page).__name__.lower()
    if "platform" in name or "plataforma" in name:
        return Target.KIND_TOPIC if block_id else Target.KIND_PLATFORM
    if "candida" in name or "profile" in name:
        return Target.KIND_PROPOSAL if block_id else Target.KIND_PROFILE
    return Target.KIND_OTHER


def _actor_of(page):
    try:
        actor = getattr(page, "actor", None)
    except Exception:  # a half-built page must not break participation
        actor = None
    return actor


def snapshot(page, block_id):
    """The Target fields describing `page`'s block `block_id` right now."""
    actor = _actor_of(page)
    order = None
    for attr in ("registration_order", "order", "sort_order"):
        value = getattr(actor, attr, None) if actor is not None else None
        if isinstance(value, int):
            order = value
            break
    return {
        "page_id": page.pk,
        "kind": target_kind(page, block_id),
        "label": target_labels(page)[block_id][:255],
        "page_title": page.title[:255],
        "actor_id": actor.pk if isinstance(actor, Page) else None,
        "actor_title": (getattr(actor, "title", "") or "")[:255],
        "actor_acronym": (getattr(actor, "acronym", "") or "")[:40],
        "actor_slug": (getattr(actor, "slug", "") or "")[:255],
        "actor_order": order,
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


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    _bump(instance.pk)


@receiver(post_delete, sender=Page)
def _page_deleted(sender, instance, **kwargs):
    _bump(instance.pk)
