from django.apps import AppConfig


class ElectoralConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "electoral"
    verbose_name = "Información electoral"

    def ready(self):
        # Imported here, not at the top: the signal modules import models,
        # which Django loads only after every app config (this module) is read.
        from .editorial import signals as editorial_signals
        from .glossary import signals as glossary_signals
        from .sections import register_sections

        editorial_signals.connect()
        glossary_signals.connect()
        register_sections()
