from django.urls import path

from .ideas import views as ideas
from .reactions import views as reactions

app_name = "participation"

urlpatterns: list = [
    path("participa/estado/", reactions.state, name="state"),
    path("participa/reaccion/", reactions.reaction, name="reaction"),
    path("participa/idea/", ideas.idea, name="idea"),
    path("participa/idea/recibida/", ideas.idea_received, name="idea_received"),
]
