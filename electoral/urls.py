from django.urls import path

from electoral.parties import ballot_views
from electoral.parties import views as parties_views
from electoral.results import views as results_views

app_name = "electoral"

urlpatterns: list = [
    path("mi-boleta/", ballot_views.BallotLookupView.as_view(), name="ballot_lookup"),
    path("mi-boleta/<str:number>/", ballot_views.BallotView.as_view(), name="ballot"),
    path("candidaturas/", parties_views.candidacy_list, name="candidacy_list"),
    path("candidaturas.csv", parties_views.candidacy_csv, name="candidacy_csv"),
    path("resultados/", results_views.results_index, name="results_index"),
    path(
        "resultados/municipios/<slug:slug>/",
        results_views.municipality_results,
        name="results_municipality",
    ),
    path(
        "resultados/municipios/<slug:slug>.csv",
        results_views.municipality_csv,
        name="results_municipality_csv",
    ),
    path(
        "resultados/municipios/<slug:slug>.json",
        results_views.municipality_json,
        name="results_municipality_json",
    ),
    path(
        "resultados/distritos/<int:number>/",
        results_views.district_results,
        name="results_district",
    ),
    path(
        "resultados/distritos/<int:number>.csv",
        results_views.district_csv,
        name="results_district_csv",
    ),
    path(
        "resultados/distritos/<int:number>.json",
        results_views.district_json,
        name="results_district_json",
    ),
]
