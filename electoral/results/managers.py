"""Contest queries and the import entry points (parsing lives in `importers`)."""

from django.apps import apps
from django.db import models
from django.db.models import Prefetch

CURRENT_PROCESS_YEAR = 2021  # the process this site informs about; older ones are history


class ContestQuerySet(models.QuerySet):
    def municipal(self):
        return self.filter(office="ayuntamiento")

    def districts(self):
        return self.filter(office="diputacion")

    def current(self):
        return self.filter(process_year=CURRENT_PROCESS_YEAR)

    def history(self):
        return self.filter(process_year__lt=CURRENT_PROCESS_YEAR)

    def with_options(self):
        option = apps.get_model("electoral", "VoteOption")
        return self.prefetch_related(
            Prefetch(
                "options",
                queryset=option.objects.select_related("actor").only(
                    "contest_id",
                    "position",
                    "label",
                    "name",
                    "kind",
                    "candidacy",
                    "candidacy_name",
                    "votes",
                    "actor__id",
                    "actor__colour",
                    "actor__acronym",
                    "actor__url_path",
                ),
            )
        )


class ContestManager(models.Manager.from_queryset(ContestQuerySet)):
    def import_municipal_2021(self, raw_path, aggregated_path):
        """The 2021 ayuntamientos (and the two extraordinary elections)."""
        # Imported here: importers.py uses the models, which import this module.
        from .importers import import_municipal_2021

        return import_municipal_2021(raw_path, aggregated_path)

    def import_district_file(self, path, *, year, source, **options):
        """A district results file in INE/IEEM's layout (one column per option)."""
        # Imported here: importers.py uses the models, which import this module.
        from .importers import import_district_file

        return import_district_file(path, year=year, source=source, **options)
