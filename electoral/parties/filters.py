"""The filters of the candidacy list (/candidaturas/ and its CSV), a django-filter FilterSet.

Query parameters (part of the public addresses, never renamed): q, municipio,
distrito, partido, cargo, genero, perfil. A value that is not on the lists
fails validation with a Spanish message that repeats what was typed.
"""

import django_filters

from electoral.geography.models import DistrictPage, MunicipalityPage

from .candidacies import OFFICE_BY_SLUG, OFFICE_SLUGS, Candidacy, Gender, Office
from .capture import PROFILE_FILTER_CHOICES, filter_by_profile
from .models import PoliticalActorPage

INVALID_CHOICE = {
    "municipio": "No encontramos el municipio «%(value)s». Elige uno de la lista.",
    "distrito": "El distrito «%(value)s» no existe: hay distritos del 1 al 45.",
    "partido": "No encontramos el partido o candidatura «%(value)s».",
    "cargo": "El cargo «%(value)s» no existe. Elige uno de la lista.",
    "genero": "El valor de género «%(value)s» no es válido.",
    "perfil": "El valor «%(value)s» no es válido: elige con o sin perfil publicado.",
}


class CandidacyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Nombre", max_length=100, method="filter_name")
    municipio = django_filters.ChoiceFilter(
        label="Municipio", empty_label=None, field_name="municipality__slug"
    )
    distrito = django_filters.TypedChoiceFilter(
        label="Distrito local", coerce=int, method="filter_district"
    )
    partido = django_filters.ChoiceFilter(
        label="Partido, coalición o candidatura", empty_label=None, method="filter_actor"
    )
    cargo = django_filters.ChoiceFilter(
        label="Cargo",
        empty_label=None,
        choices=[("", "Todos los cargos")]
        + [(slug, Office(office).label) for office, slug in OFFICE_SLUGS.items()],
        method="filter_office",
    )
    genero = django_filters.ChoiceFilter(
        label="Género",
        empty_label=None,
        choices=[("", "Todos")] + list(Gender.choices),
        field_name="gender",
    )
    perfil = django_filters.ChoiceFilter(
        label="Perfil publicado por el partido",
        empty_label=None,
        choices=PROFILE_FILTER_CHOICES,
        method="filter_profile",
    )

    class Meta:
        model = Candidacy
        fields = []

    def __init__(self, data, queryset=None):
        super().__init__(data, queryset=Candidacy.objects.all() if queryset is None else queryset)
        municipalities = list(MunicipalityPage.objects.order_by("name").values_list("slug", "name"))
        districts = list(DistrictPage.objects.order_by("number").values_list("number", flat=True))
        self.actors = list(
            PoliticalActorPage.objects.live()
            .order_by("registration_order", "title")
            .values("id", "slug", "title", "kind")
        )
        choices = {
            "municipio": [("", "Todos los municipios")] + municipalities,
            "distrito": [("", "Todos los distritos")] + [(n, f"Distrito {n}") for n in districts],
            "partido": [("", "Todos")] + [(a["slug"], a["title"]) for a in self.actors],
        }
        fields = self.form.fields
        for name, values in choices.items():
            fields[name].choices = values
        for name, field in fields.items():
            field.error_messages["invalid_choice"] = INVALID_CHOICE.get(name, "Valor no válido.")
        fields["q"].error_messages["max_length"] = "Escribe como máximo 100 caracteres."

    def filter_name(self, queryset, name, value):
        return queryset.matching(value)

    def filter_district(self, queryset, name, value):
        return queryset.in_district(value)

    def filter_actor(self, queryset, name, value):
        actor = next(a for a in self.actors if a["slug"] == value)
        return queryset.filter(
            actor_id__in=PoliticalActorPage.candidacy_actor_ids(actor["id"], actor["kind"])
        )

    def filter_office(self, queryset, name, value):
        return queryset.filter(office=OFFICE_BY_SLUG[value])

    def filter_profile(self, queryset, name, value):
        return filter_by_profile(queryset, value)
