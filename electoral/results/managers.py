"""Contest queries and the import entry points (parsing lives in `importers`)."""

from django.db import models
from django.db.models import F, Prefetch
from django.db.models.query import ModelIterable

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
        # VoteOption's module (models.py) imports this one: reach it by the relation.
        option = self.model._meta.get_field("options").related_model
        options = option.objects.only("contest_id", *OPTION_FIELDS).annotate(
            **{column: F(f"actor__{name}") for name, column in ACTOR_COLUMNS}
        )
        options._iterable_class = OptionsWithSharedActors
        return self.prefetch_related(Prefetch("options", queryset=options))


# The actor's columns the results show (its colour, acronym and address), read
# in the options' own query (one LEFT JOIN, as select_related did).
# What a vote option holds besides its contest: what the results pages read,
# and what the importer compares and writes.
OPTION_FIELDS = (
    "position",
    "label",
    "name",
    "kind",
    "actor_id",
    "candidacy",
    "candidacy_name",
    "votes",
)

ACTOR_COLUMNS = (
    ("id", "_actor_page_id"),
    ("colour", "_actor_colour"),
    ("acronym", "_actor_acronym"),
    ("url_path", "_actor_url_path"),
)


class OptionsWithSharedActors(ModelIterable):
    """Vote options, each with its actor already loaded: one actor object per
    actor (about 30) instead of one Wagtail page object per option (~1,800 on
    the real data, most of the time of a results query). The actor objects
    carry only the columns above, as the `.only()` of select_related did."""

    def __iter__(self):
        db = self.queryset.db
        actors = {}
        model = None
        for option in super().__iter__():
            values = {name: option.__dict__.pop(column) for name, column in ACTOR_COLUMNS}
            actor = None
            if option.actor_id is not None:
                actor = actors.get(option.actor_id)
                if actor is None:
                    if model is None:
                        model = option._meta.get_field("actor").related_model
                        pk_name = model._meta.pk.attname
                        names = [
                            f.attname
                            for f in model._meta.concrete_fields
                            if f.attname in {pk_name, *values}
                        ]
                    values[pk_name] = option.actor_id
                    actor = actors[option.actor_id] = model.from_db(
                        db, names, [values[n] for n in names]
                    )
            option.actor = actor
            yield option


class ContestManager(models.Manager.from_queryset(ContestQuerySet)):
    def import_municipal_2021(self, raw_path, aggregated_path):
        """The 2021 ayuntamientos (and the two extraordinary elections)."""
        # Inside: the importers import the models, which import this manager.
        from .importers import import_municipal_2021

        return import_municipal_2021(raw_path, aggregated_path)

    def import_district_file(self, path, *, year, source, **options):
        """A district results file in INE/IEEM's layout (one column per option)."""
        # Inside: the importers import the models, which import this manager.
        from .importers import import_district_file

        return import_district_file(path, year=year, source=source, **options)
