"""Signal receivers of the editorial feature, connected by `connect()` from
ElectoralConfig.ready() (electoral/apps.py), each with its sender."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from wagtail.admin.views.pages.create import CreateView
from wagtail.models import get_page_models
from wagtail.signals import init_new_page

from electoral.parties.models import PoliticalActorPage

from .audit import log_account_event
from .audit import log_login as _log_login
from .capture import apply_prefill
from .groups import grant_institutional_section, sync_actor
from .models import PartyEditorAccount


def clear_one_time_password_flag(sender, instance, **kwargs):
    """A party editor who sets a password other than the one-time one is free to work.

    `_password` holds the raw password only right after `set_password()`
    (a change form, a reset, or Django upgrading the hash at login with the
    *same* password, which must not count as a change).
    """
    raw = getattr(instance, "_password", None)
    if raw is None or instance.pk is None or getattr(instance, "_decide_issuing_password", False):
        return
    account = PartyEditorAccount.objects.filter(
        user_id=instance.pk, must_change_password=True
    ).first()
    if account is None or account.is_one_time_password(raw):
        return
    account.must_change_password = False
    account.save(update_fields=["must_change_password"])
    log_account_event(account, "decide.party_account.password_changed", user=instance)


def log_login(sender, request, user, **kwargs):
    _log_login(user)


def page_created(sender, instance, created, raw=False, **kwargs):
    """New actors get their editors' group; new top-level sections go to Comunicación."""
    if not created or raw:
        return
    if isinstance(instance, PoliticalActorPage):
        sync_actor(instance)
    elif instance.depth == 3:
        grant_institutional_section(instance)


def _prefill_new_profile(sender, page, parent, **kwargs):
    """«?candidacy=<id>» on the add view (see capture.remember_prefill)."""
    apply_prefill(page)


def connect():
    User = get_user_model()
    pre_save.connect(
        clear_one_time_password_flag, sender=User, dispatch_uid="decide_password_changed"
    )
    user_logged_in.connect(log_login, sender=User, dispatch_uid="decide_log_login")
    # post_save is sent with the concrete class of the saved page: one
    # connection per page model, so other models' saves never run this.
    for model in get_page_models():
        post_save.connect(
            page_created,
            sender=model,
            dispatch_uid=f"decide_editorial_page_created-{model._meta.label_lower}",
        )
    init_new_page.connect(
        _prefill_new_profile, sender=CreateView, dispatch_uid="decide_profile_prefill"
    )
