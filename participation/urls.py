from django.urls import path

from .ideas import views as ideas
from .reactions import views as reactions
from .statistics import views as statistics

app_name = "participation"

urlpatterns: list = [
    path("participa/estado/", reactions.state, name="state"),
    path("participa/reaccion/", reactions.reaction, name="reaction"),
    path("participa/idea/", ideas.idea, name="idea"),
    path("participa/idea/recibida/", ideas.idea_received, name="idea_received"),
    path("participa/visita/", statistics.beacon, name="visit_beacon"),
    path("participa/visita.gif", statistics.pixel, name="visit_pixel"),
    path("estadisticas/", statistics.statistics_page, name="statistics"),
    path("estadisticas/<slug:slug>.csv", statistics.series_csv, name="statistics_csv"),
    path("estadisticas/<slug:slug>.json", statistics.series_json, name="statistics_json"),
]
