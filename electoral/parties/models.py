"""Political actors (parties, coalitions, common and independent candidacies),
their platforms and the profiles of the candidates who head a formula or slate.

Everything a party writes lives under its PoliticalActorPage
(/partidos/<slug>/…): that subtree is what its editors own.
"""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, router
from django.db.models import Prefetch
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import Rendition
from wagtail.models import Orderable, Page
from wagtail.rich_text import RichText
from wagtail.search import index

from electoral.geography.models import DistrictPage, MunicipalityPage
from home import fragments, participation
from home.compiled import CompiledQuery, build_instance
from home.fragments import memo
from home.media_guard import MediaGuardPageForm
from home.participation import ParticipationTarget

from .blocks import (
    PlatformStreamBlock,
    ProposalStreamBlock,
    TrajectoryStreamBlock,
    topics_kept,
)
from .candidacies import Candidacy, Role
from .capture import PublishedProfiles, attach_published_profiles

__all__ = [
    "Topic",
    "PartiesIndexPage",
    "PoliticalActorPage",
    "PlatformPage",
    "CandidateProfileIndexPage",
    "CandidateProfilePage",
]

LOGO_FILTER = "fill-96x96"
NO_PROFILE_LABEL = "Sin información capturada por el partido"

EXAMPLE_HELP = (
    "Márcalo si el texto no es oficial (demostración o capacitación): la página "
    "mostrará la etiqueta «Contenido de ejemplo»."
)


class Topic(Orderable):
    """A topic of the platform taxonomy, managed by IEEM (a snippet).

    Every platform and proposal uses the same topics, so citizens can
    compare actors topic by topic (/partidos/?tema=<slug>).
    """

    name = models.CharField("Nombre", max_length=80, unique=True)
    slug = models.SlugField(
        "Identificador en la dirección",
        max_length=80,
        unique=True,
        help_text="Por ejemplo «seguridad»: /partidos/?tema=seguridad.",
    )
    description = models.CharField("Descripción breve", max_length=240, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "Tema de plataforma"
        verbose_name_plural = "Temas de plataforma"

    def __str__(self):
        return self.name


def _live_actors(parties_index):
    return (
        PoliticalActorPage.objects.child_of(parties_index)
        .live()
        .select_related("logo")
        .prefetch_related(
            Prefetch("logo__renditions", queryset=Rendition.objects.filter(filter_spec=LOGO_FILTER))
        )
        .order_by("registration_order", "title")
    )


def _sections_on(platform, topic):
    """The platform's sections on `topic`, read from the raw stream (no
    query per platform)."""
    if platform is None:
        return []
    sections = []
    for item in platform.body.raw_data:
        value = item.get("value") or {}
        if item.get("type") == "topic_section" and value.get("topic") == topic.id:
            sections.append(
                {
                    "id": item.get("id"),
                    "title": value.get("title") or topic.name,
                    "text": RichText(value.get("text") or ""),
                }
            )
    return sections


class PartiesIndexPage(Page):
    """/partidos/: every actor in official registration order, and the
    side-by-side comparison of platforms by topic (?tema=<slug>)."""

    intro = models.TextField(
        "Presentación",
        blank=True,
        max_length=600,
        help_text="Una o dos frases; también se usa como descripción al compartir.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["electoral.PoliticalActorPage"]
    max_count = 1

    class Meta:
        verbose_name = "Índice de partidos y candidaturas"
        verbose_name_plural = "Índices de partidos y candidaturas"

    @property
    def meta_description(self):
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.index_context(request))
        return context

    def index_context(self, request):
        """Actors in registration order with their platform; with ?tema= the
        section of each platform on that topic, side by side."""
        actors = attach_published_profiles(_live_actors(self))
        platforms = PlatformPage.objects.live().descendant_of(self).filter(depth=self.depth + 2)
        platform_of = {p.path[: -PlatformPage.steplen]: p for p in platforms}
        topics = list(Topic.objects.all())
        for actor in actors:
            actor.live_platform = platform_of.get(actor.path)

        context = {"actors": actors, "topics": topics, "topic": None, "topic_error": ""}
        slug = (request.GET.get("tema") or "").strip()
        if slug:
            topic = next((t for t in topics if t.slug == slug), None)
            if topic is None:
                context["topic_error"] = (
                    f"No encontramos el tema «{slug[:60]}». Elige uno de la lista."
                )
            else:
                context["topic"] = topic
                context["comparison"] = [
                    {
                        "actor": actor,
                        "platform": actor.live_platform,
                        "sections": _sections_on(actor.live_platform, topic),
                    }
                    for actor in actors
                ]
                context["meta_title"] = f"Comparar plataformas: {topic.name}"
                context["meta_description"] = (
                    f"Lo que dice cada plataforma sobre {topic.name.lower()}, en el orden oficial "
                    "de registro."
                )
        return context


class PoliticalActorPage(Page):
    """Any actor that postulates candidacies: a national or local party, a
    coalition, a candidatura común or an independent candidacy."""

    base_form_class = MediaGuardPageForm  # no other actor's images or documents

    KIND_NATIONAL_PARTY = "partido_nacional"
    KIND_LOCAL_PARTY = "partido_local"
    KIND_COALITION = "coalicion"
    KIND_COMMON = "candidatura_comun"
    KIND_INDEPENDENT = "independiente"
    KIND_CHOICES = [
        (KIND_NATIONAL_PARTY, "Partido político nacional"),
        (KIND_LOCAL_PARTY, "Partido político local"),
        (KIND_COALITION, "Coalición"),
        (KIND_COMMON, "Candidatura común"),
        (KIND_INDEPENDENT, "Candidatura independiente"),
    ]
    PARTY_KINDS = (KIND_NATIONAL_PARTY, KIND_LOCAL_PARTY)
    ALLIANCE_KINDS = (KIND_COALITION, KIND_COMMON)

    kind = models.CharField("Tipo", max_length=24, choices=KIND_CHOICES)
    acronym = models.CharField("Siglas", max_length=40)
    full_name = models.CharField("Nombre completo", max_length=240)
    registration_order = models.PositiveSmallIntegerField(
        "Orden de registro",
        help_text=(
            "Orden oficial del IEEM; el sitio presenta a todos en este orden, "
            "nunca por popularidad."
        ),
    )
    colour = models.CharField(
        "Color",
        max_length=7,
        default="#5c5c66",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Escribe un color como #1a2b3c.")],
        help_text="Para gráficas; el texto nunca depende solo del color.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Emblema",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(
        "Quién es", blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    member_parties = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="alliances",
        verbose_name="Partidos que la integran",
        limit_choices_to={"kind__in": PARTY_KINDS},
    )
    municipalities = ParentalManyToManyField(
        MunicipalityPage,
        blank=True,
        related_name="political_actors",
        verbose_name="Municipios donde participa",
        help_text="Solo coaliciones, candidaturas comunes e independientes.",
    )
    districts = ParentalManyToManyField(
        DistrictPage,
        blank=True,
        related_name="political_actors",
        verbose_name="Distritos donde participa",
        help_text="Solo coaliciones, candidaturas comunes e independientes.",
    )
    registry_key = models.CharField(
        "Clave en el registro",
        max_length=160,
        unique=True,
        help_text="Clave con la que los archivos oficiales identifican a este actor.",
    )
    ballot_label = models.CharField(
        "Etiqueta en los archivos oficiales", max_length=40, db_index=True
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind", read_only=True),
                FieldPanel("acronym"),
                FieldPanel("full_name"),
                FieldPanel("registration_order", read_only=True),
                FieldPanel("colour"),
                FieldPanel("logo"),
            ],
            heading="Registro",
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("member_parties", read_only=True),
                FieldPanel("municipalities", read_only=True),
                FieldPanel("districts", read_only=True),
            ],
            heading="Integración y ámbito (datos oficiales)",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("acronym"),
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.FilterField("kind"),
        index.SearchField("description"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("acronym"),
        APIField("full_name"),
        APIField("registration_order"),
        APIField("colour"),
        APIField("description"),
    ]

    parent_page_types = ["electoral.PartiesIndexPage"]
    subpage_types = ["electoral.PlatformPage", "electoral.CandidateProfileIndexPage"]

    class Meta:
        verbose_name = "Partido, coalición o candidatura"
        verbose_name_plural = "Partidos, coaliciones y candidaturas"
        ordering = ["registration_order", "title"]

    @property
    def meta_description(self):
        return self.search_description or f"{self.full_name}: plataforma y candidaturas."

    @property
    def is_alliance(self):
        return self.kind in self.ALLIANCE_KINDS

    @property
    def is_independent(self):
        return self.kind == self.KIND_INDEPENDENT

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.actor_context())
        return context

    def actor_context(self):
        """The actor's platform, members, scope and head candidacies with
        their profile (or the "no information" label)."""
        children = {
            p.specific_class: p
            for p in self.get_children().live().only("id", "path", "url_path", "content_type_id")
        }
        heads = list(
            self.candidacies.heads()
            .select_related("municipality", "district", "actor")
            .in_list_order()
        )
        CandidateProfilePage.attach_urls(heads)
        with_profile = sum(1 for c in heads if c.profile_url)
        context = {
            # Same figure as on /partidos/ (live profiles of head candidacies),
            # from the rows already loaded: no extra query.
            "published_profiles": PublishedProfiles(with_profile, len(heads)),
            "platform": children.get(PlatformPage),
            "profiles_index": children.get(CandidateProfileIndexPage),
            "heads": heads,
            "heads_with_profile": with_profile,
            "no_profile_label": NO_PROFILE_LABEL,
            "members": list(self.member_parties.order_by("registration_order")),
        }
        if self.kind != self.KIND_INDEPENDENT:
            context["alliances"] = list(
                self.alliances.live().order_by("registration_order").only("id", "title", "url_path")
            )
        if self.is_alliance:
            context["scope_municipalities"] = list(
                self.municipalities.order_by("name").only("id", "name", "url_path", "slug")
            )
            context["scope_districts"] = list(
                self.districts.order_by("number").only("id", "number", "url_path")
            )
        return context

    @classmethod
    def candidacy_actor_ids(cls, actor_id, kind):
        """Ids of the actors whose candidacies count as the actor's: its own
        and, for a party, those of the alliances it is part of (one query)."""
        ids = [actor_id]
        if kind in cls.PARTY_KINDS:
            through = cls.member_parties.through
            ids += list(
                through.objects.filter(to_politicalactorpage_id=actor_id).values_list(
                    "from_politicalactorpage_id", flat=True
                )
            )
        return ids


class ActorCard:
    """What the public pages below an actor show of it (breadcrumbs, "Publicado
    por", the profile's facts, the description): its id, title and URL. Kept
    for the page-cache generation (`_ActorContentMixin.remember_actor`) instead
    of a whole PoliticalActorPage built at every request: a publish, move or
    save of any page purges it, as it does the routes."""

    __slots__ = ("pk", "title", "url")

    def __init__(self, pk, title, url):
        self.pk, self.title, self.url = pk, title, url

    def __getstate__(self):
        return (self.pk, self.title, self.url)

    def __setstate__(self, state):
        self.pk, self.title, self.url = state

    @classmethod
    def of(cls, actor):
        return None if actor is None else cls(actor.pk, actor.title, actor.url)


class _ActorContentMixin:
    """Pages written by a postulating actor, somewhere below its actor page."""

    @cached_property
    def actor(self):
        known = self.__dict__.get("_actor_pk")
        if known is not None:
            from home.routing import fetch_page  # Wagtail's views: not while models load

            found = fetch_page(PoliticalActorPage, known)
            if found is not None:
                return found
        return PoliticalActorPage.objects.ancestor_of(self).first()

    @cached_property
    def actor_card(self):
        """The actor as its public pages show it (ActorCard), or None: kept for
        the generation for an anonymous GET (set by remember_actor), else read
        from `actor`."""
        return ActorCard.of(self.actor)

    # StreamFields with topics (TopicChooserBlock), converted in get_context.
    topic_streams = ()

    def get_context(self, request, *args, **kwargs):
        self.remember_actor(request)
        self.convert_topic_streams(request)
        return super().get_context(request, *args, **kwargs)

    def convert_topic_streams(self, request):
        """For an anonymous visitor's GET, convert the page's streams now, with
        the topics of the taxonomy kept for the page-cache generation (a
        site-wide snippet: a topic's save or delete purges it) instead of a
        query per stream; the templates then read the converted blocks."""
        if not self.topic_streams or not fragments.usable(request, shell=True):
            return
        topics = memo("topics", (), _all_topics, request, shell=True)
        with topics_kept(topics):
            for name in self.topic_streams:
                stream = getattr(self, name)
                for index in range(len(stream)):
                    stream[index]  # converts every block of its type at once

    def remember_actor(self, request):
        """For an anonymous visitor's GET, the actor's card (its id, title and
        URL) kept for the page-cache generation (the shape of the tree: a
        publish or a move purges it): the templates read no actor page, and the
        actor, if the page asks for it, is one query compiled once
        (home.routing.fetch_page): the ORM's ancestor query was a tenth of an
        uncached platform or profile, building the actor page another tenth."""
        if "actor" in self.__dict__ or not self.pk or not fragments.usable(request, shell=True):
            return
        card = memo("actor-card", (self.path,), self._actor_card, request, shell=True)
        if card is not None:
            self.__dict__["actor_card"] = card
            self._actor_pk = card.pk

    def _actor_card(self):
        actor = PoliticalActorPage.objects.ancestor_of(self).order_by("path").first()
        return ActorCard.of(actor)


def _all_topics():
    """Every topic's row, by pk, as TopicChooserBlock's query selects it."""
    names = [f.attname for f in Topic._meta.concrete_fields]
    return {row[0]: tuple(row) for row in Topic.objects.order_by("pk").values_list(*names)}


class _ActorParticipationTarget(ParticipationTarget):
    """Participation on an actor's own pages is delivered to that actor."""

    def participation_actor(self):
        return self.actor

    def participation_order(self):
        actor = self.actor
        return actor.registration_order if actor is not None else None


class _OnePerActorMixin:
    """Page types an actor has at most one of, always at the same slug."""

    fixed_slug = ""

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and not cls.objects.child_of(parent).exists()

    def full_clean(self, *args, **kwargs):
        self.slug = self.fixed_slug
        super().full_clean(*args, **kwargs)


class PlatformPage(_ActorParticipationTarget, _ActorContentMixin, _OnePerActorMixin, Page):
    """/partidos/<slug>/plataforma/: the registered platform, by topic."""

    whole_page_kind = participation.PLATFORM
    block_kind = participation.TOPIC

    base_form_class = MediaGuardPageForm  # no other actor's images or documents

    fixed_slug = "plataforma"
    topic_streams = ("body",)

    intro = models.TextField(
        "Resumen",
        max_length=600,
        blank=True,
        help_text="Una o dos frases; también se usa como descripción al compartir.",
    )
    body = StreamField(
        PlatformStreamBlock(),
        blank=True,
        verbose_name="Apartados por tema",
        help_text="Un apartado por tema del catálogo del IEEM.",
    )
    official_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Plataforma registrada (PDF)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_example = models.BooleanField("Contenido de ejemplo", default=False, help_text=EXAMPLE_HELP)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("official_document"),
        FieldPanel("body"),
        FieldPanel("is_example"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body"), APIField("is_example")]

    parent_page_types = ["electoral.PoliticalActorPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Plataforma electoral"
        verbose_name_plural = "Plataformas electorales"

    @property
    def meta_description(self):
        return (
            self.search_description
            or self.intro
            or f"Plataforma electoral de {self.actor_card.title}."
        )

    def topic_sections(self):
        return [b for b in self.body if b.block_type == "topic_section"]

    def feedback_targets(self):
        targets = [("", "Plataforma completa")]
        for block in self.topic_sections():
            targets.append((block.id, block.value["title"] or block.value["topic"].name))
        return targets


class CandidateProfileIndexPage(_ActorContentMixin, _OnePerActorMixin, Page):
    """/partidos/<slug>/candidaturas/: the actor's head candidates."""

    base_form_class = MediaGuardPageForm  # no other actor's images or documents

    fixed_slug = "candidaturas"

    api_fields: list = []  # no fields of its own: the profiles are its children

    parent_page_types = ["electoral.PoliticalActorPage"]
    subpage_types = ["electoral.CandidateProfilePage"]

    class Meta:
        verbose_name = "Perfiles de candidaturas"
        verbose_name_plural = "Perfiles de candidaturas"

    @property
    def meta_description(self):
        return self.search_description or f"Perfiles de las candidaturas de {self.actor.title}."

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.actor.actor_context())
        return context


class CandidateProfileForm(MediaGuardPageForm):
    """Offers only the head candidacies of the actor the profile belongs to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("candidacy")
        if field is None:
            return
        instance = self.instance
        parent = self.parent_page or (instance.get_parent() if instance.pk else None)
        actor = (
            PoliticalActorPage.objects.ancestor_of(parent, inclusive=True).first()
            if parent
            else None
        )
        qs = Candidacy.objects.heads().select_related("municipality", "district", "actor")
        field.queryset = qs.filter(actor=actor) if actor else qs.none()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not (cleaned.get("photo_alt") or "").strip():
            self.add_error("photo_alt", "Describe la fotografía para quien no puede verla.")
        return cleaned


_CANDIDACY_NAMES = [f.attname for f in Candidacy._meta.concrete_fields]


def _profile_candidacy_query(pk):
    """The candidacy of a profile and the place the page names."""
    return Candidacy.objects.filter(pk=pk).values_list(
        *_CANDIDACY_NAMES, "municipality__name", "district__number"
    )


def _substitute_query(office, position, municipal, district):
    """Candidacy.substitute() of an owner of `office` and `position` (small
    integers, kept in the SQL: one compiled query per such pair and place
    shape), with or without a municipality and a district."""

    def build(actor, municipality=None, district_pk=None):
        return (
            Candidacy.objects.filter(
                office=office,
                municipality_id=municipality if municipal else None,
                district_id=district_pk if district else None,
                actor_id=actor,
                position=position,
                role=Role.SUBSTITUTE,
            )
            .order_by("pk")
            .values_list("pk", "name")[:1]
        )

    return CompiledQuery(Candidacy, build)


class _ProfileCandidacy:
    """What a profile shows of its candidacy and its substitute, by SQL
    compiled once per process (home/compiled.py)."""

    def __init__(self):
        self.query = CompiledQuery(Candidacy, _profile_candidacy_query)
        self._substitutes = {}

    def load(self, pk):
        rows = self.query.rows(pk=pk)
        if not rows:
            return None, None
        alias = router.db_for_read(Candidacy)
        row = rows[0]
        count = len(_CANDIDACY_NAMES)
        candidacy = build_instance(Candidacy, alias, _CANDIDACY_NAMES, row[:count])
        municipality_name, district_number = row[count:]
        # As select_related(...).only("municipality__name", "district__number").
        cache = candidacy._state.fields_cache
        cache["municipality"] = (
            build_instance(
                MunicipalityPage,
                alias,
                ["page_ptr_id", "name"],
                [candidacy.municipality_id, municipality_name],
            )
            if candidacy.municipality_id is not None
            else None
        )
        cache["district"] = (
            build_instance(
                DistrictPage,
                alias,
                ["page_ptr_id", "number"],
                [candidacy.district_id, district_number],
            )
            if candidacy.district_id is not None
            else None
        )
        return candidacy, self._substitute(alias, candidacy)

    def _substitute(self, alias, owner):
        municipal, district = owner.municipality_id is not None, owner.district_id is not None
        shape = (owner.office, owner.position, municipal, district)
        query = self._substitutes.get(shape)
        if query is None:
            query = self._substitutes[shape] = _substitute_query(*shape)
        values = {"actor": owner.actor_id}
        if municipal:
            values["municipality"] = owner.municipality_id
        if district:
            values["district_pk"] = owner.district_id
        rows = query.rows(**values)
        return build_instance(Candidacy, alias, ["id", "name"], list(rows[0])) if rows else None


_PROFILE_CANDIDACY = _ProfileCandidacy()


class CandidateProfilePage(_ActorParticipationTarget, _ActorContentMixin, Page):
    """/partidos/<slug>/candidaturas/<slug>/: trajectory and proposals of a
    candidate who heads a formula or slate, written by the party."""

    whole_page_kind = participation.PROFILE
    block_kind = participation.PROPOSAL
    topic_streams = ("proposals",)

    candidacy = models.OneToOneField(
        "electoral.Candidacy",
        verbose_name="Candidatura",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profile",
        help_text="La candidatura registrada que encabeza la planilla o fórmula.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Fotografía",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        "Texto alternativo de la fotografía",
        max_length=200,
        blank=True,
        help_text="Obligatorio si hay fotografía: describe la imagen.",
    )
    summary = models.TextField(
        "Presentación breve",
        max_length=400,
        blank=True,
        help_text="Máximo 400 caracteres; también se usa como descripción al compartir.",
    )
    trajectory = StreamField(
        TrajectoryStreamBlock(),
        blank=True,
        verbose_name="Trayectoria",
        help_text="Formación académica, trayectoria pública y profesional.",
    )
    proposals = StreamField(
        ProposalStreamBlock(),
        blank=True,
        verbose_name="Propuestas de campaña",
    )
    is_example = models.BooleanField("Contenido de ejemplo", default=False, help_text=EXAMPLE_HELP)

    content_panels = Page.content_panels + [
        FieldPanel("candidacy"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading="Fotografía"),
        FieldPanel("summary"),
        FieldPanel("trajectory"),
        FieldPanel("proposals"),
        FieldPanel("is_example"),
    ]
    base_form_class = CandidateProfileForm
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("trajectory"),
        index.SearchField("proposals"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("trajectory"),
        APIField("proposals"),
        APIField("is_example"),
    ]

    parent_page_types = ["electoral.CandidateProfileIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Perfil de candidatura"
        verbose_name_plural = "Perfiles de candidaturas"

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": "Describe la fotografía para quien no puede verla."}
            )
        if self.candidacy_id and not self.candidacy.is_head:
            raise ValidationError(
                {"candidacy": "Solo hay perfil para quien encabeza una planilla o fórmula."}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.profile_context(request))
        return context

    def profile_context(self, request=None):
        """The profile's candidacy (with place and actor) and its substitute, kept
        for the page-cache generation (home/fragments.py: a candidacy import or
        save purges it)."""
        return memo("profile", (self.pk, self.candidacy_id), self._profile_rows, request)

    def _profile_rows(self):
        candidacy = substitute = None
        if self.candidacy_id:
            candidacy, substitute = _PROFILE_CANDIDACY.load(self.candidacy_id)
        return {
            "candidacy": candidacy,
            "substitute": substitute,
            "no_profile_label": NO_PROFILE_LABEL,
        }

    @classmethod
    def attach_urls(cls, candidacies, request=None):
        """Set `c.profile_url` on each head candidacy: the URL of its live
        profile, or None ("Sin información capturada por el partido")."""
        heads = [c for c in candidacies if c.is_head]
        urls = {}
        if heads:
            profiles = (
                cls.objects.live()
                .filter(candidacy_id__in=[c.id for c in heads])
                .only("id", "url_path", "path", "depth", "candidacy_id", "locale_id")
            )
            urls = {p.candidacy_id: p.get_url(request) for p in profiles}
        for c in candidacies:
            c.profile_url = urls.get(c.id) if c.is_head else None
        return candidacies

    def feedback_targets(self):
        return [
            (block.id, block.value["title"])
            for block in self.proposals
            if block.block_type == "proposal"
        ]

    @staticmethod
    def slug_for(candidacy):
        return slugify(f"{candidacy.display_name} {candidacy.place_slug}")[:250]
