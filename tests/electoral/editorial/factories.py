"""Page tree, media and users for the editorial tests (keyed on actor slugs)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from electoral.editorial.groups import ensure_staff_groups, sync_all_actors
from electoral.editorial.models import ActorEditorGroup, PartyEditorAccount
from electoral.editorial.workflow import ensure_workflow
from electoral.models import (
    CandidateProfileIndexPage,
    CandidateProfilePage,
    PartiesIndexPage,
    PlatformPage,
    PoliticalActorPage,
)
from home.pagetree import ensure_child, ensure_home_page

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
    home, _ = ensure_home_page(title="Decide IEEM", intro="Inicio")
    index, _ = ensure_child(home, PartiesIndexPage, "partidos", title="Partidos y candidaturas")
    ensure_staff_groups()
    trees = {}
    for order, (slug, kind, acronym, name) in enumerate(ACTORS, start=1):
        actor, _ = ensure_child(
            index,
            PoliticalActorPage,
            slug,
            title=name,
            kind=kind,
            acronym=acronym,
            full_name=name,
            registration_order=order,
            registry_key=slug,
            ballot_label=acronym,
        )
        platform, _ = ensure_child(actor, PlatformPage, "plataforma", title=f"Plataforma {acronym}")
        profiles, _ = ensure_child(
            actor, CandidateProfileIndexPage, "candidaturas", title=f"Candidaturas «{acronym}»"
        )
        profile, _ = ensure_child(
            profiles,
            CandidateProfilePage,
            f"perfil-{slug}",
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
    from django.utils import timezone

    from participation.models import Idea, Target

    target = Target.objects.create(
        page=tree.platform,
        page_key=tree.platform.pk,
        label="Plataforma",
        page_title=tree.platform.title,
        actor=tree.actor,
        actor_title=tree.actor.title,
        actor_acronym=tree.actor.acronym,
        actor_slug=tree.actor.slug,
    )
    idea = Idea.objects.create(
        target=target,
        text=f"Idea ciudadana {MARKERS['idea']}",
        text_hash="marca",
        consent_at=timezone.now(),
    )
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
