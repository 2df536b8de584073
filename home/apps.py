from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Sitio"

    def ready(self):
        # Imported here, not at the top: these modules import models, which
        # Django loads only after every app config (this module) is read.
        from . import signals, wagtail_fixes
        from .security import patch_wagtail_inline_scripts
        from .spreadsheets import patch_wagtail_exports

        # Wagtail's chooser widgets write an inline script: give it the CSP nonce.
        patch_wagtail_inline_scripts()
        # Formula injection: every CSV/XLSX export of the admin neutralises text cells.
        patch_wagtail_exports()
        wagtail_fixes.install()
        signals.connect()
