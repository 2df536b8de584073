from django.urls import path

from . import views

app_name = "participation"

urlpatterns: list = [
    path("participa/estado/", views.state, name="state"),
    path("participa/reaccion/", views.reaction, name="reaction"),
    path("participa/idea/", views.idea, name="idea"),
    path("participa/idea/recibida/", views.idea_received, name="idea_received"),
]
