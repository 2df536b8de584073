from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participation"
    verbose_name = "Participación ciudadana"

    def ready(self):
        from django.db.models.signals import post_save

        from home.models import ElectionCalendar

        from . import services, targets  # noqa: F401  (page signals refresh target lookups)

        post_save.connect(
            services.forget_calendar, sender=ElectionCalendar, dispatch_uid="participation-cal"
        )
