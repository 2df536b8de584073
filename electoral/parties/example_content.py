"""The platform topic taxonomy and the clearly labelled example content
that setup_site creates for demos and training.

The real 2021 platforms and candidate profiles are not in our data. Example
pages carry is_example=True, which shows "Contenido de ejemplo" on the
page, and their text says plainly that it is placeholder text: no position
is attributed to a real party and no biography is invented for a real
person.
"""

import json

from electoral.parties.candidacies import Candidacy
from electoral.parties.models import (
    CandidateProfileIndexPage,
    CandidateProfilePage,
    PlatformPage,
    PoliticalActorPage,
    Topic,
)
from home.pagetree import ensure_child

TOPICS = [
    ("seguridad", "Seguridad pública", "Prevención del delito, policía y justicia cívica."),
    ("economia", "Economía y empleo", "Empleo, comercio local, campo y desarrollo económico."),
    ("salud", "Salud", "Servicios de salud, prevención y atención comunitaria."),
    ("educacion", "Educación", "Escuelas, becas, cultura y deporte."),
    ("medio-ambiente", "Medio ambiente", "Residuos, áreas verdes, aire y cuidado del territorio."),
    (
        "igualdad-de-genero",
        "Igualdad de género",
        "Derechos de las mujeres y prevención de la violencia.",
    ),
    ("agua-y-servicios", "Agua y servicios públicos", "Agua potable, drenaje, alumbrado y limpia."),
    ("movilidad", "Movilidad y transporte", "Transporte público, calles y seguridad vial."),
    (
        "transparencia",
        "Transparencia y combate a la corrupción",
        "Rendición de cuentas y gobierno abierto.",
    ),
]

EXAMPLE_TOPICS_PER_PLATFORM = 4
EXAMPLE_PROFILE_MUNICIPALITY = 107  # Toluca (INE/IEEM number)
EXAMPLE_PROFILES = 3


def ensure_topics():
    created = 0
    for order, (slug, name, description) in enumerate(TOPICS):
        _, was_created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
        created += was_created
    return created


def ensure_profile_indexes():
    """Every actor gets its /candidaturas/ folder for its editors."""
    created = 0
    for actor in PoliticalActorPage.objects.all():
        _, was_created = ensure_child(
            actor, CandidateProfileIndexPage, "candidaturas", title="Candidaturas"
        )
        created += was_created
    return created


def _section_text(actor, topic):
    return (
        "<p><b>Texto de ejemplo.</b> En este apartado "
        f"{actor.acronym} expondrá su diagnóstico y sus propuestas sobre "
        f"{topic.name.lower()}. Este párrafo no es una posición de {actor.acronym}: "
        "lo sustituirá el texto de la plataforma registrada ante el IEEM.</p>"
        "<ul><li>Diagnóstico (ejemplo).</li><li>Objetivos (ejemplo).</li>"
        "<li>Acciones propuestas (ejemplo).</li></ul>"
    )


def ensure_example_platforms():
    topics = list(Topic.objects.all())
    if not topics:
        return 0
    created = 0
    actors = PoliticalActorPage.objects.exclude(kind=PoliticalActorPage.KIND_INDEPENDENT)
    for i, actor in enumerate(actors.order_by("registration_order")):
        chosen = [topics[0]] + [
            topics[1 + (i + k * 2) % (len(topics) - 1)]
            for k in range(EXAMPLE_TOPICS_PER_PLATFORM - 1)
        ]
        chosen = list(dict.fromkeys(chosen))
        body = [
            {
                "type": "topic_section",
                "value": {
                    "topic": t.id,
                    "title": "",
                    "text": _section_text(actor, t),
                    "document": None,
                },
            }
            for t in chosen
        ]
        _, was_created = ensure_child(
            actor,
            PlatformPage,
            "plataforma",
            title=f"Plataforma electoral de {actor.title}",
            intro=(
                f"Contenido de ejemplo: este texto no es la plataforma registrada de "
                f"{actor.title}. Muestra cómo se presentará, tema por tema."
            ),
            body=json.dumps(body),
            is_example=True,
        )
        created += was_created
    return created


def _placeholder_trajectory():
    item = {
        "period": "",
        "institution": "",
        "description": (
            "Texto de ejemplo: aquí el partido capturará este dato. No describe a la "
            "persona candidata."
        ),
    }
    return json.dumps(
        [
            {"type": "education", "value": {**item, "title": "Formación académica (ejemplo)"}},
            {"type": "public_career", "value": {**item, "title": "Trayectoria pública (ejemplo)"}},
            {
                "type": "professional_career",
                "value": {**item, "title": "Trayectoria profesional (ejemplo)"},
            },
        ]
    )


def _placeholder_proposals(topics):
    return json.dumps(
        [
            {
                "type": "proposal",
                "value": {
                    "topic": topic.id,
                    "title": f"Propuesta de ejemplo sobre {topic.name.lower()}",
                    "text": (
                        "Texto de ejemplo para mostrar cómo se verá una propuesta. No es una "
                        "propuesta de esta candidatura; el partido la sustituirá por la suya."
                    ),
                },
            }
            for topic in topics
        ]
    )


def ensure_example_profiles():
    """A few profiles with placeholder text for real head candidacies of one
    municipality, so the demo shows both a profile and the "no information"
    label. The text says plainly that it is placeholder example content."""
    ensure_profile_indexes()
    topics = list(Topic.objects.all()[:3])
    heads = list(
        Candidacy.objects.heads()
        .filter(municipality__ine_code=EXAMPLE_PROFILE_MUNICIPALITY)
        .exclude(actor__kind=PoliticalActorPage.KIND_INDEPENDENT)
        .select_related("actor", "municipality")
        .order_by("actor__registration_order")[:EXAMPLE_PROFILES]
    )
    created = 0
    for candidacy in heads:
        index = CandidateProfileIndexPage.objects.child_of(candidacy.actor).first()
        if index is None or CandidateProfilePage.objects.filter(candidacy=candidacy).exists():
            continue
        _, was_created = ensure_child(
            index,
            CandidateProfilePage,
            CandidateProfilePage.slug_for(candidacy),
            title=candidacy.display_name,
            candidacy=candidacy,
            summary=(
                "Contenido de ejemplo: el partido aún no ha capturado la trayectoria ni las "
                "propuestas de esta candidatura. Los textos de esta página son marcadores de "
                "posición y no describen a la persona."
            ),
            trajectory=_placeholder_trajectory(),
            proposals=_placeholder_proposals(topics),
            is_example=True,
        )
        created += was_created
    return created
