from django.urls import path

from electoral.geography import views as geography_views
from electoral.parties import views as parties_views

app_name = "electoral"

urlpatterns: list = [
    path("mi-boleta/", geography_views.BallotLookupView.as_view(), name="ballot_lookup"),
    path("mi-boleta/<str:number>/", geography_views.BallotView.as_view(), name="ballot"),
    path("candidaturas/", parties_views.candidacy_list, name="candidacy_list"),
    path("candidaturas.csv", parties_views.candidacy_csv, name="candidacy_csv"),
]
