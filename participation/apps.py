from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participation"
    verbose_name = "Participación ciudadana"

    def ready(self):
        # Imported here: signals.py imports models, which the app registry
        # loads only after every AppConfig is built.
        from . import signals
        from .statistics.sections import register_sections

        signals.connect()
        register_sections()
