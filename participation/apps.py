from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participation"
    verbose_name = "Participación ciudadana"

    def ready(self):
        from . import targets  # noqa: F401  (page signals that refresh target lookups)
