"""Signal receivers of the editorial feature (connected from models.py)."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="decide_password_changed")
def clear_one_time_password_flag(sender, instance, **kwargs):
    """A party editor who sets a password other than the one-time one is free to work.

    `_password` holds the raw password only right after `set_password()`
    (a change form, a reset, or Django upgrading the hash at login with the
    *same* password, which must not count as a change).
    """
    raw = getattr(instance, "_password", None)
    if raw is None or instance.pk is None or getattr(instance, "_decide_issuing_password", False):
        return
    from .models import PartyEditorAccount

    account = PartyEditorAccount.objects.filter(
        user_id=instance.pk, must_change_password=True
    ).first()
    if account is None or account.is_one_time_password(raw):
        return
    account.must_change_password = False
    account.save(update_fields=["must_change_password"])
    from .audit import log_account_event

    log_account_event(account, "decide.party_account.password_changed", user=instance)


@receiver(user_logged_in, dispatch_uid="decide_log_login")
def log_login(sender, request, user, **kwargs):
    from .audit import log_login as _log_login

    _log_login(user)


@receiver(post_save, dispatch_uid="decide_editorial_page_created")
def page_created(sender, instance, created, raw=False, **kwargs):
    """New actors get their editors' group; new top-level sections go to Comunicación."""
    if not created or raw:
        return
    from wagtail.models import Page

    if not isinstance(instance, Page):
        return
    from .groups import actor_model, grant_institutional_section

    if isinstance(instance, actor_model()):
        from .groups import sync_actor

        sync_actor(instance)
    elif instance.depth == 3:
        grant_institutional_section(instance)


def _prefill_new_profile(sender, page, parent, **kwargs):
    """«?candidacy=<id>» on the add view (see capture.remember_prefill)."""
    from .capture import apply_prefill

    apply_prefill(page)


def connect_prefill():
    from wagtail.signals import init_new_page

    init_new_page.connect(_prefill_new_profile, dispatch_uid="decide_profile_prefill")


connect_prefill()
