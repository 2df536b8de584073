from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Sitio"

    def ready(self):
        from .security import patch_wagtail_inline_scripts

        # Wagtail's chooser widgets write an inline script: give it the CSP nonce.
        patch_wagtail_inline_scripts()

        from .spreadsheets import patch_wagtail_exports

        # Formula injection: every CSV/XLSX export of the admin neutralises text cells.
        patch_wagtail_exports()

        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from . import wagtail_fixes
        from .navigation import forget_live_sections

        wagtail_fixes.install()

        for signal in (page_published, page_unpublished, page_slug_changed):
            signal.connect(forget_live_sections, dispatch_uid=f"home-nav-{id(signal)}")

        def page_moved(sender, **kwargs):  # a section may have moved away: always forget
            forget_live_sections()

        post_page_move.connect(page_moved, weak=False, dispatch_uid="home-nav-move")
        post_delete.connect(forget_live_sections, sender=Page, dispatch_uid="home-nav-delete")

        def page_saved(sender, instance, **kwargs):
            # Pages created live by code (setup_site) send no page_published.
            if isinstance(instance, Page):
                forget_live_sections(instance)

        post_save.connect(page_saved, weak=False, dispatch_uid="home-nav-save")
