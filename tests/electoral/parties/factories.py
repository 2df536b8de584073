"""Factories for parties, platforms and candidacies, keyed on natural
identifiers (INE/IEEM municipality number, actor registry key).

Municipalities and districts are created here directly (not with the
geography importer) so these tests only depend on the geography models.
"""

import csv
import json
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Page

from electoral.models import (
    Candidacy,
    CandidateProfileIndexPage,
    CandidateProfilePage,
    DistrictPage,
    MunicipalityDistrict,
    MunicipalityPage,
    PlatformPage,
    PoliticalActorPage,
    Topic,
)
from electoral.parties.example_content import ensure_topics
from electoral.parties.importers import ensure_parties_index, import_actors
from home.pagetree import ensure_child, ensure_home_page
from home.text import fold_all

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CROSSWALK = Path(settings.BASE_DIR) / "fixtures" / "edomex_municipios_crosswalk_inegi_ine.csv"
DATA = Path(__file__).parent / "data"


def home():
    page, _ = ensure_home_page(title="Decide IEEM", intro="Inicio")
    return page


def _folder(slug):
    folder, _ = ensure_child(home(), Page, f"prueba-{slug}", title=f"Prueba {slug}")
    return folder


def make_municipality(ine_code, name, inegi_code=None, districts=()):
    existing = MunicipalityPage.objects.filter(ine_code=ine_code).first()
    if existing:
        return existing
    page = MunicipalityPage(
        title=name,
        slug=slugify(name),
        name=name,
        normalized_name=fold_all(name),
        inegi_code=inegi_code or f"15{ine_code:03d}",
        ine_code=ine_code,
    )
    _folder("municipios").add_child(instance=page)
    for district in districts:
        MunicipalityDistrict.objects.create(municipality=page, district=district)
    return page


def make_district(number):
    existing = DistrictPage.objects.filter(number=number).first()
    if existing:
        return existing
    page = DistrictPage(title=f"Distrito {number}", slug=str(number), number=number)
    _folder("distritos").add_child(instance=page)
    return page


def all_municipalities():
    """The 125 real municipalities (both numberings) and the 45 districts."""
    for number in range(1, 46):
        make_district(number)
    with open(CROSSWALK, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            make_municipality(
                int(row["cve_mun_ine_ieem"]), row["nombre_inegi"], inegi_code=row["cve_inegi"]
            )


def real_actors():
    """/partidos/ with the 2021 actors from the real files (needs the geography)."""
    index = ensure_parties_index(home())
    report = import_actors(index)
    return index, report


def make_actor(
    index, key, *, order, kind=PoliticalActorPage.KIND_NATIONAL_PARTY, title=None, **extra
):
    actor = PoliticalActorPage.objects.filter(registry_key=key).first()
    if actor:
        return actor
    actor = PoliticalActorPage(
        slug=slugify(key),
        title=title or key.upper(),
        kind=kind,
        acronym=key.upper()[:40],
        full_name=f"Partido {key.upper()}",
        registration_order=order,
        registry_key=key,
        ballot_label=key,
        **extra,
    )
    index.add_child(instance=actor)
    actor.save_revision().publish()
    return actor


def topics():
    ensure_topics()
    return list(Topic.objects.all())


def make_platform(actor, sections, *, is_example=False, title=None):
    """sections: [(topic, title, html)]"""
    body = [
        {
            "type": "topic_section",
            "value": {"topic": t.id, "title": heading, "text": html, "document": None},
        }
        for t, heading, html in sections
    ]
    page, _ = ensure_child(
        actor,
        PlatformPage,
        "plataforma",
        title=title or f"Plataforma de {actor.title}",
        intro=f"Resumen de la plataforma de {actor.title}.",
        body=json.dumps(body),
        is_example=is_example,
    )
    return page


def make_profile(candidacy, *, proposals=(), is_example=False, publish=True):
    folder, _ = ensure_child(
        candidacy.actor, CandidateProfileIndexPage, "candidaturas", title="Candidaturas"
    )
    body = [
        {"type": "proposal", "value": {"topic": t.id, "title": title, "text": text}}
        for t, title, text in proposals
    ]
    page, _ = ensure_child(
        folder,
        CandidateProfilePage,
        CandidateProfilePage.slug_for(candidacy),
        publish=publish,
        title=candidacy.display_name,
        candidacy=candidacy,
        summary="Presentación breve de prueba.",
        proposals=json.dumps(body),
        is_example=is_example,
    )
    return page


def make_candidacy(actor, *, municipality=None, district=None, name="PERSONA DE PRUEBA", **fields):
    fields.setdefault("office", Candidacy.Office.PRESIDENCIA)
    fields.setdefault("role", Candidacy.Role.OWNER)
    fields.setdefault("position", 1)
    fields.setdefault("source", "prueba")
    return Candidacy.objects.create(
        actor=actor, municipality=municipality, district=district, name=name, **fields
    )


def twenty_thousand_candidacies():
    """125 municipalities × 10 actors × 16 + 45 districts × 10 × 2 = 20,900."""
    open_calendar()
    index = ensure_parties_index(home())
    districts = [make_district(n) for n in range(1, 46)]
    municipalities = []
    for n in range(1, 126):
        m = make_municipality(n, f"Municipio {n}")
        municipalities.append(m)
    MunicipalityDistrict.objects.bulk_create(
        MunicipalityDistrict(municipality=m, district=districts[i % 45])
        for i, m in enumerate(municipalities)
    )
    actors = [make_actor(index, f"p{n}", order=n) for n in range(1, 11)]
    actors[1].member_parties = [actors[0]]
    actors[1].save_revision().publish()
    total = bulk_candidacies(actors, municipalities, districts)
    topic = topics()[0]
    for c in Candidacy.objects.heads().filter(municipality__ine_code=1):
        make_profile(c, proposals=[(topic, "Propuesta", "Texto")])
    return total


def bulk_candidacies(actors, municipalities, districts, regidurias=6):
    """Whole slates (presidencia, sindicatura, `regidurias` regidurías; owner
    and substitute) for each actor in each municipality, and a majority
    formula per actor in each district. 125 × 10 × 16 + 45 × 10 × 2 = 20,900."""
    rows = []
    genders = [Candidacy.Gender.WOMAN, Candidacy.Gender.MAN, Candidacy.Gender.UNKNOWN]
    slate = [(Candidacy.Office.PRESIDENCIA, 1), (Candidacy.Office.SINDICATURA, 1)] + [
        (Candidacy.Office.REGIDURIA, n) for n in range(1, regidurias + 1)
    ]
    places = [("municipality", m, slate) for m in municipalities] + [
        ("district", d, [(Candidacy.Office.DIPUTACION_MR, 1)]) for d in districts
    ]
    i = 0
    for place_field, place, offices in places:
        for actor in actors:
            for office, position in offices:
                for role in (Candidacy.Role.OWNER, Candidacy.Role.SUBSTITUTE):
                    i += 1
                    name = f"PERSONA{i} GARCIA NUÑEZ"
                    rows.append(
                        Candidacy(
                            office=office,
                            position=position,
                            role=role,
                            name=name,
                            search_name=fold_all(name),
                            gender=genders[i % 3],
                            actor=actor,
                            is_head=office
                            in (Candidacy.Office.PRESIDENCIA, Candidacy.Office.DIPUTACION_MR)
                            and role == Candidacy.Role.OWNER,
                            source="volumen",
                            **{place_field: place},
                        )
                    )
    Candidacy.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def open_calendar(phase="campaign"):
    """Calendar in a phase where candidacies and platforms are public."""
    from home.calendar import dates_for_phase
    from home.models import ElectionCalendar

    cal = ElectionCalendar.load()
    cal.apply(dates_for_phase(phase))
    cal.save()
    return cal
