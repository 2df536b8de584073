"""Test data for the electoral app, one module for all its areas, keyed on
natural identifiers: a district by number (`district(23)`), a municipality by
INE/IEEM number (`municipality(60)`), a section by number, an actor by its
registry key (`make_actor(index, "pan", order=1)`). Calling a factory again
with the same key returns what exists, so factories coexist with the real
data of a snapshot (tests/helpers/snapshots.py).

Pages are built by factory_boy / wagtail-factories page factories
(`TreePageFactory`): each has a default parent of the type its page class
allows, and refuses a parent that its `parent_page_types` does not allow, so
a factory never builds a tree the admin could not.

Sections: geography; glossary (the Quitadudas and its entries, by slug);
parties (actors, platforms, profiles, candidacies, the bulk data of the
snapshots); editorial (the four-actor tree, editors, staff
and the markers of the permission walk).
"""

import csv
import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from electoral.editorial.groups import ensure_staff_groups, sync_all_actors
from electoral.editorial.models import ActorEditorGroup, PartyEditorAccount
from electoral.editorial.workflow import ensure_workflow
from electoral.geography.pages import ensure_geography_tree
from electoral.geography.text import compress_ranges
from electoral.models import (
    Candidacy,
    CandidateProfileIndexPage,
    CandidateProfilePage,
    DistrictPage,
    GlossaryEntryPage,
    GlossaryIndexPage,
    GlossaryRelatedTerm,
    MunicipalityDistrict,
    MunicipalityPage,
    PartiesIndexPage,
    PlatformPage,
    PoliticalActorPage,
    Section,
    Topic,
)
from electoral.parties.example_content import ensure_topics
from electoral.parties.importers import ensure_parties_index, import_actors
from home.pagetree import ensure_home_page
from home.text import fold_all

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CROSSWALK = FIXTURES / "edomex_municipios_crosswalk_inegi_ine.csv"


def home():
    page, _ = ensure_home_page(title="Decide IEEM", intro="Inicio")
    return page


# --- Page factories ----------------------------------------------------------


class TreePageFactory(wagtail_factories.PageFactory):
    """A page found by its natural key (`lookup`, or its slug under the parent)
    or created under `parent`, which must be a type its class allows.

    `lookup` (the natural key's field names) and `revision` are declarations
    the factory reads, not fields: `revision` is what a new page gets,
    "publish" (a published revision, as the admin leaves it), "draft" (a
    revision not published) or None (the bare row, as the importers make it);
    `publish=False` in a call means "draft".
    """

    lookup = ()
    revision = "publish"

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        for name in ("parent", "lookup", "revision", "publish"):
            kwargs.pop(name, None)
        return model_class(**kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.pop("parent")
        revision = kwargs.pop("revision")
        if not kwargs.pop("publish", True):
            revision = "draft"
        if parent is None:
            raise ValueError(f"{cls.__name__}: a page needs a parent")
        parent = parent.specific
        if not model_class.can_exist_under(parent):
            raise ValueError(
                f"{model_class.__name__} cannot be a child of {type(parent).__name__} "
                f"(parent_page_types)"
            )
        lookup = {name: kwargs[name] for name in kwargs.pop("lookup")}
        existing = model_class.objects.filter(**lookup).first() if lookup else None
        if existing is None:
            existing = parent.get_children().filter(slug=kwargs["slug"]).specific().first()
        if existing is not None:
            return existing
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        if revision == "publish":
            page.save_revision().publish()
        elif revision == "draft":
            page.save_revision()
        return page


# --- Geography ---------------------------------------------------------------


def geography_tree():
    """/geografia/ with its two containers (and the home page if missing)."""
    home()
    return ensure_geography_tree()


class DistrictPageFactory(TreePageFactory):
    class Meta:
        model = DistrictPage

    lookup = ("number",)
    revision = None
    parent = factory.LazyFunction(lambda: geography_tree().districts)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Distrito local {o.number}")
    slug = factory.LazyAttribute(lambda o: str(o.number))


class MunicipalityPageFactory(TreePageFactory):
    class Meta:
        model = MunicipalityPage

    lookup = ("ine_code",)
    revision = None
    parent = factory.LazyFunction(lambda: geography_tree().municipalities)
    ine_code = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Municipio {o.ine_code}")
    title = factory.LazyAttribute(lambda o: o.name)
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    inegi_code = factory.LazyAttribute(lambda o: f"15{o.ine_code:03d}")


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)


def district(number, **fields):
    return DistrictPageFactory(number=number, **fields)


def municipality(ine_code, name=None, *, inegi_code=None, districts=(), **fields):
    """A municipality by INE/IEEM number, linked to `districts` (numbers or pages)."""
    if name:
        fields["name"] = name
    if inegi_code:
        fields["inegi_code"] = inegi_code
    existing = MunicipalityPage.objects.filter(ine_code=ine_code).first()
    if existing:
        return existing
    page = MunicipalityPageFactory(ine_code=ine_code, **fields)
    for d in districts:
        d = d if isinstance(d, DistrictPage) else district(d)
        MunicipalityDistrict.objects.create(municipality=page, district=d)
    return page


def section(number, municipality_ine, district_number=None):
    """A section of an existing municipality; district given or derived like the importer."""
    mun = municipality(municipality_ine)
    if district_number is not None:
        dist = district(district_number)
    else:
        links = list(mun.district_links.all())
        dist = links[0].district if len(links) == 1 else None
    made = SectionFactory(number=number, municipality=mun, district=dist)
    if dist is not None:
        # As the import rebuilds them: the link's count and runs of sections.
        link, _ = MunicipalityDistrict.objects.get_or_create(municipality=mun, district=dist)
        numbers = sorted(
            Section.objects.filter(municipality=mun, district=dist).values_list("number", flat=True)
        )
        link.section_count = len(numbers)
        link.section_runs = [list(run) for run in compress_ranges(numbers)]
        link.save()
    return made


def make_district(number):
    return district(number)


def make_municipality(ine_code, name, inegi_code=None, districts=()):
    return municipality(ine_code, name, inegi_code=inegi_code, districts=districts)


def all_municipalities():
    """The 125 real municipalities (both numberings) and the 45 districts."""
    for number in range(1, 46):
        district(number)
    with open(CROSSWALK, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            municipality(
                int(row["cve_mun_ine_ieem"]), row["nombre_inegi"], inegi_code=row["cve_inegi"]
            )


# --- Glossary ----------------------------------------------------------------


class GlossaryIndexPageFactory(TreePageFactory):
    """/quitadudas/ (one per site: found again by its slug under the home page)."""

    class Meta:
        model = GlossaryIndexPage

    parent = factory.LazyFunction(home)
    slug = "quitadudas"
    title = "Quitadudas electoral"
    intro = "Las palabras de la elección en lenguaje sencillo."


class GlossaryEntryPageFactory(TreePageFactory):
    """A published entry of the Quitadudas, keyed on its slug under the index.

    `summary` is the definition's first paragraph, `more` an optional second
    one, `example` the example paragraph, `related` the entries it points to
    (in that order)."""

    class Meta:
        model = GlossaryEntryPage

    class Params:
        summary = factory.LazyAttribute(lambda o: f"Definición de {o.title}.")
        more = ""
        example_text = ""
        related = ()

    parent = factory.SubFactory(GlossaryIndexPageFactory)
    title = factory.Sequence(lambda n: f"Término de prueba {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    alternative_terms = ""
    definition = factory.LazyAttribute(
        lambda o: f"<p>{o.summary}</p>" + (f"<p>{o.more}</p>" if o.more else "")
    )
    example = factory.LazyAttribute(lambda o: f"<p>{o.example_text}</p>" if o.example_text else "")
    last_reviewed = datetime.date(2026, 11, 1)
    related_terms = factory.LazyAttribute(
        lambda o: [GlossaryRelatedTerm(target=t, sort_order=i) for i, t in enumerate(o.related)]
    )


def glossary_index(home_page=None):
    return GlossaryIndexPageFactory(**({"parent": home_page} if home_page else {}))


def make_entry(index, title, summary, *, alternatives="", more="", example="", related=(), **kw):
    """An entry of `index` (the factory above; same slug, same entry)."""
    return GlossaryEntryPageFactory(
        parent=index,
        title=title,
        summary=summary,
        alternative_terms=alternatives,
        more=more,
        example_text=example,
        related=tuple(related),
        **kw,
    )


# --- Parties -------------------------------------------------------------------


def parties_index():
    return ensure_parties_index(home())


class PoliticalActorPageFactory(TreePageFactory):
    class Meta:
        model = PoliticalActorPage

    lookup = ("registry_key",)
    parent = factory.LazyFunction(parties_index)
    registry_key = factory.Sequence(lambda n: f"actor-{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.registry_key))
    title = factory.LazyAttribute(lambda o: o.registry_key.upper())
    kind = PoliticalActorPage.KIND_NATIONAL_PARTY
    acronym = factory.LazyAttribute(lambda o: o.registry_key.upper()[:40])
    full_name = factory.LazyAttribute(lambda o: f"Partido {o.registry_key.upper()}")
    registration_order = factory.Sequence(lambda n: n + 1)
    ballot_label = factory.LazyAttribute(lambda o: o.registry_key)


class PlatformPageFactory(TreePageFactory):
    class Meta:
        model = PlatformPage

    parent = factory.SubFactory(PoliticalActorPageFactory)
    slug = "plataforma"
    title = factory.LazyAttribute(lambda o: f"Plataforma de {o.parent.title}")
    intro = factory.LazyAttribute(lambda o: f"Resumen de la plataforma de {o.parent.title}.")


class CandidateProfileIndexPageFactory(TreePageFactory):
    class Meta:
        model = CandidateProfileIndexPage

    parent = factory.SubFactory(PoliticalActorPageFactory)
    slug = "candidaturas"
    title = "Candidaturas"


class CandidateProfilePageFactory(TreePageFactory):
    class Meta:
        model = CandidateProfilePage

    parent = factory.SubFactory(CandidateProfileIndexPageFactory)
    title = factory.Sequence(lambda n: f"Perfil de prueba {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Presentación breve de prueba."


class CandidacyFactory(DjangoModelFactory):
    """One candidacy (by default the owner heading a municipal slate)."""

    class Meta:
        model = Candidacy

    actor = factory.SubFactory(PoliticalActorPageFactory)
    name = "PERSONA DE PRUEBA"
    office = Candidacy.Office.PRESIDENCIA
    role = Candidacy.Role.OWNER
    position = 1
    source = "prueba"


def real_actors():
    """/partidos/ with the 2021 actors from the real files (needs the geography)."""
    index = parties_index()
    report = import_actors(index)
    return index, report


def make_actor(
    index, key, *, order, kind=PoliticalActorPage.KIND_NATIONAL_PARTY, title=None, **extra
):
    fields = {"title": title} if title else {}
    return PoliticalActorPageFactory(
        parent=index, registry_key=key, registration_order=order, kind=kind, **fields, **extra
    )


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
    fields = {"title": title} if title else {}
    return PlatformPageFactory(parent=actor, body=json.dumps(body), is_example=is_example, **fields)


def make_profile(candidacy, *, proposals=(), is_example=False, publish=True):
    folder = CandidateProfileIndexPageFactory(parent=candidacy.actor)
    body = [
        {"type": "proposal", "value": {"topic": t.id, "title": title, "text": text}}
        for t, title, text in proposals
    ]
    return CandidateProfilePageFactory(
        parent=folder,
        slug=CandidateProfilePage.slug_for(candidacy),
        publish=publish,
        title=candidacy.display_name,
        candidacy=candidacy,
        proposals=json.dumps(body),
        is_example=is_example,
    )


def make_candidacy(actor, *, municipality=None, district=None, name="PERSONA DE PRUEBA", **fields):
    return CandidacyFactory(
        actor=actor, municipality=municipality, district=district, name=name, **fields
    )


def small_candidacies():
    """Six candidacies of four actors (a coalition among them) in two
    municipalities and two districts, one with a profile: the
    "candidacies-small" snapshot (tests/electoral/parties/test_candidacies_list.py)."""
    open_calendar()
    index = parties_index()
    d1, d2 = make_district(1), make_district(2)
    toluca = make_municipality(107, "Toluca", districts=[d1])
    oro = make_municipality(65, "El Oro", districts=[d2])
    pan = make_actor(index, "pan", order=1, title="PAN")
    pt = make_actor(index, "pt", order=4, title="PT")
    morena = make_actor(index, "morena", order=7, title="MORENA")
    coalition = make_actor(
        index, "pt-morena-pna", order=13, title="Juntos Haremos Historia",
        kind=PoliticalActorPage.KIND_COALITION,
    )  # fmt: skip
    coalition.member_parties = [pt, morena]
    coalition.save_revision().publish()
    W, M = Candidacy.Gender.WOMAN, Candidacy.Gender.MAN
    ana = make_candidacy(pan, municipality=toluca, name="ANA MARIA NUÑEZ", gender=W)
    make_candidacy(pan, municipality=toluca, name="EVA  RUIZ", role="suplente", gender=W)
    make_candidacy(coalition, municipality=toluca, name="JOSE PEREZ", gender=M)
    make_candidacy(pan, municipality=oro, name="LUIS ÁVILA")
    make_candidacy(morena, district=d1, name="ROSA DIAZ", office=Candidacy.Office.DIPUTACION_MR)
    make_candidacy(pt, district=d2, name="RAUL SOSA", office=Candidacy.Office.DIPUTACION_MR)
    profile = make_profile(ana)
    return {"toluca": toluca, "pan": pan, "profile": profile}


def parties_pages(lookup=False):
    """The "parties-pages" snapshot (tests/electoral/parties/test_pages.py);
    lookup=True finds what it made."""
    index = parties_index()
    all_topics = topics()
    toluca = make_municipality(107, "Toluca")
    # Created out of order on purpose: pages list by registration order.
    mc = make_actor(index, "mc", order=6, title="MC")
    pan = make_actor(index, "pan", order=1, title="PAN")
    seguridad, economia = all_topics[0], all_topics[1]
    platform = make_platform(
        pan,
        [
            (seguridad, "Calles seguras", "<p>Más policía de proximidad.</p>"),
            (economia, "", "<p>Empleo local.</p>"),
        ],
        is_example=True,
    )
    if lookup:
        head = Candidacy.objects.get(name="MARIA DE LOS ANGELES NUÑEZ")
        mc_head = Candidacy.objects.get(name="JUAN LOPEZ")
    else:
        head = make_candidacy(pan, municipality=toluca, name="MARIA DE LOS ANGELES NUÑEZ")
        make_candidacy(pan, municipality=toluca, name="ROSA  PEREZ", role=Candidacy.Role.SUBSTITUTE)
        mc_head = make_candidacy(mc, municipality=toluca, name="JUAN LOPEZ")
    profile = make_profile(
        head,
        proposals=[(seguridad, "Alumbrado en cada colonia", "Texto de la propuesta.")],
        is_example=True,
    )
    return {
        "index": index, "pan": pan, "mc": mc, "platform": platform, "profile": profile,
        "head": head, "mc_head": mc_head, "seguridad": seguridad, "toluca": toluca,
    }  # fmt: skip


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


def ballot_candidacies():
    """The ballot tests' data (tests/electoral/parties/test_ballot.py): section
    5169 of Toluca (district 5), PAN and MC with a slate each, PAN's head with a
    profile, calendar in the campaign."""
    open_calendar()
    index = ensure_parties_index(home())
    d5 = make_district(5)
    toluca = make_municipality(107, "Toluca", districts=[d5])
    Section.objects.create(number=5169, municipality=toluca, district=d5)
    mc = make_actor(index, "mc", order=6, title="MC")
    pan = make_actor(index, "pan", order=1, title="PAN")
    make_candidacy(mc, municipality=toluca, name="REGIDOR MC", office=Candidacy.Office.REGIDURIA)
    make_candidacy(mc, municipality=toluca, name="SUPLENTE MC", role="suplente")
    make_candidacy(mc, municipality=toluca, name="CABEZA MC")
    head = make_candidacy(pan, municipality=toluca, name="CABEZA PAN")
    make_candidacy(pan, district=d5, name="DIPUTADA PAN", office=Candidacy.Office.DIPUTACION_MR)
    make_profile(head)
    return {"toluca": toluca, "actors": [pan, mc], "district": d5}


def ballot_objects():
    """What ballot_candidacies() returns, looked up in the "ballot" snapshot it
    builds (the calendar's dates set again relative to now, as it does)."""
    open_calendar()
    return {
        "toluca": MunicipalityPage.objects.get(ine_code=107),
        "actors": [PoliticalActorPage.objects.get(registry_key=key) for key in ("pan", "mc")],
        "district": DistrictPage.objects.get(number=5),
    }


def ballot_20000():
    """The "ballot-20000" snapshot: the ballot tests' section, its actors and
    eight more, 63 municipalities and 10 districts with whole slates (14
    regidurías): 20,360 candidacies, the ballot's query budget."""
    ballot = ballot_candidacies()
    districts = [ballot["district"]] + [make_district(n) for n in range(6, 15)]
    municipalities = [ballot["toluca"]] + [make_municipality(n, f"M{n}") for n in range(1, 63)]
    parent = ballot["actors"][0].get_parent()
    actors = ballot["actors"] + [make_actor(parent, f"x{n}", order=20 + n) for n in range(8)]
    Candidacy.objects.all().delete()
    return bulk_candidacies(actors, municipalities, districts, regidurias=14)


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


# --- Editorial -------------------------------------------------------------------

# A representative subset of the 2021 actors: two parties, one coalition and
# one independent candidacy (12 ordered pairs in the permission matrix).
ACTORS = [
    ("pan", PoliticalActorPage.KIND_NATIONAL_PARTY, "PAN", "Partido Acción Nacional"),
    ("morena", PoliticalActorPage.KIND_NATIONAL_PARTY, "MORENA", "Morena"),
    (
        "va-por-el-estado-de-mexico",
        PoliticalActorPage.KIND_COALITION,
        "PAN-PRI-PRD",
        "Coalición Va por el Estado de México",
    ),
    (
        "independiente-toluca",
        PoliticalActorPage.KIND_INDEPENDENT,
        "IND-TOLUCA",
        "Candidatura independiente en Toluca",
    ),
]


@dataclass
class ActorTree:
    actor: PoliticalActorPage
    platform: PlatformPage
    profiles: CandidateProfileIndexPage
    profile: CandidateProfilePage
    image: Image
    document: Document
    group: object = None
    collection: object = None
    pages: list = field(default_factory=list)


def build_tree():
    index = parties_index()
    ensure_staff_groups()
    trees = {}
    for order, (slug, kind, acronym, name) in enumerate(ACTORS, start=1):
        actor = PoliticalActorPageFactory(
            parent=index,
            registry_key=slug,
            slug=slug,
            title=name,
            kind=kind,
            acronym=acronym,
            full_name=name,
            registration_order=order,
            ballot_label=acronym,
        )
        platform = PlatformPageFactory(parent=actor, title=f"Plataforma {acronym}", intro="")
        profiles = CandidateProfileIndexPageFactory(parent=actor, title=f"Candidaturas «{acronym}»")
        profile = CandidateProfilePageFactory(
            parent=profiles,
            slug=f"perfil-{slug}",
            title=f"Perfil de ejemplo «{acronym}»",
            summary="Contenido de ejemplo",
        )
        link = ActorEditorGroup.objects.get(actor_id=actor.pk)
        image = Image.objects.create(
            title=f"Imagen secreta «{acronym}»",
            file=get_test_image_file(filename=f"{slug}.png"),
            collection=link.collection,
        )
        document = Document.objects.create(
            title=f"Documento secreto «{acronym}»",
            file=ContentFile(b"contenido", name=f"{slug}.txt"),
            collection=link.collection,
        )
        trees[slug] = ActorTree(
            actor=actor,
            platform=platform,
            profiles=profiles,
            profile=profile,
            image=image,
            document=document,
            group=link.group,
            collection=link.collection,
            pages=[actor, platform, profiles, profile],
        )
    sync_all_actors()
    ensure_workflow(index)
    return index, trees


def load_tree():
    """What build_tree made, looked up (the "editorial" snapshot holds it)."""
    index = PartiesIndexPage.objects.get(slug="partidos")
    trees = {}
    for slug, _kind, acronym, _name in ACTORS:
        actor = PoliticalActorPage.objects.child_of(index).get(slug=slug)
        platform = PlatformPage.objects.child_of(actor).get(slug="plataforma")
        profiles = CandidateProfileIndexPage.objects.child_of(actor).get(slug="candidaturas")
        profile = CandidateProfilePage.objects.child_of(profiles).get(slug=f"perfil-{slug}")
        link = ActorEditorGroup.objects.select_related("group", "collection").get(actor_id=actor.pk)
        trees[slug] = ActorTree(
            actor=actor,
            platform=platform,
            profiles=profiles,
            profile=profile,
            image=Image.objects.get(title=f"Imagen secreta «{acronym}»"),
            document=Document.objects.get(title=f"Documento secreto «{acronym}»"),
            group=link.group,
            collection=link.collection,
            pages=[actor, platform, profiles, profile],
        )
    return index, trees


def make_editor(tree, username=None, *, must_change_password=False, email=None):
    User = get_user_model()
    username = username or f"editor-{tree.actor.slug}"
    user = User.objects.create_user(
        username=username, password="clave-de-prueba-123", email=email or f"{username}@example.org"
    )
    user.groups.add(tree.group)
    PartyEditorAccount.objects.create(
        user=user,
        actor_id=tree.actor.pk,
        issued_password=user.password,
        must_change_password=must_change_password,
    )
    return user


def make_staff(username, group_name):
    from django.contrib.auth.models import Group

    User = get_user_model()
    user = User.objects.create_user(
        username=username, password="clave-de-prueba-123", email=f"{username}@example.org"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


# --- Markers planted in another actor before the walking permission test ---

MARKERS = {
    "idea": "MARCAIDEA7Q3",
    "draft": "MARCABORRADOR7Q3",
    "comment": "MARCACOMENTARIO7Q3",
    "document": "MARCADOCUMENTO7Q3",
    "image": "MARCAIMAGEN7Q3",
    "tag": "marcaetiqueta7q3",
    "package": "MARCAPAQUETE7Q3",
}


@dataclass
class Planted:
    tree: ActorTree
    idea: object
    draft_revision: object
    task_state: object
    needs_changes_state: object
    image: Image
    document: Document


def plant_markers(tree, editor, moderator):
    """Give `tree`'s actor a citizen idea, a draft under review and a draft sent
    back with a comment, and a document and an image, each carrying a marker."""
    from tests.participation.factories import IdeaFactory, TargetFactory

    target = TargetFactory(
        page=tree.platform,
        label="Plataforma",
        page_title=tree.platform.title,
        actor=tree.actor,
        actor_title=tree.actor.title,
        actor_acronym=tree.actor.acronym,
        actor_slug=tree.actor.slug,
    )
    idea = IdeaFactory(target=target, text=f"Idea ciudadana {MARKERS['idea']}")
    image = Image.objects.create(
        title=f"Imagen {MARKERS['image']}",
        file=get_test_image_file(filename=f"marca-{tree.actor.slug}.png"),
        collection=tree.collection,
    )
    image.tags.add(MARKERS["tag"])
    document = Document.objects.create(
        title=f"Documento {MARKERS['document']}",
        file=ContentFile(b"secreto", name=f"marca-{tree.actor.slug}.txt"),
        collection=tree.collection,
    )
    workflow = ensure_workflow(None)

    profile = tree.profile.specific
    profile.title = f"Borrador {MARKERS['draft']}"
    revision = profile.save_revision(user=editor)
    state = workflow.start(profile, editor)

    platform = tree.platform.specific
    platform.title = f"Plataforma {MARKERS['draft']}"
    platform.save_revision(user=editor)
    sent_back = workflow.start(platform, editor)
    sent_back.current_task_state.specific.reject(user=moderator, comment=MARKERS["comment"])
    sent_back.refresh_from_db()
    return Planted(
        tree=tree,
        idea=idea,
        draft_revision=revision,
        task_state=state.current_task_state,
        needs_changes_state=sent_back,
        image=image,
        document=document,
    )
