"""Ten times the real data, built in bulk for the query budgets (issue 19).

`copy_subtrees` copies page subtrees (a page and everything below it) as
siblings of the originals with a few bulk INSERTs per page type, instead of
Wagtail's `copy()` (tens of queries and revisions per page): the budgets need
many rows the pages show, not a history of edits. Page types here have one
table below `wagtailcore_page` (every public page type of the site does).
"""

import uuid
from collections import defaultdict

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from electoral.models import Candidacy, PoliticalActorPage

_PAGE_FIELDS = [f for f in Page._meta.concrete_fields if f.attname not in ("id",)]


def _specific_fields(cls):
    assert cls._meta.get_parent_list() == [Page], f"{cls.__name__}: one table below Page"
    return list(cls._meta.local_concrete_fields)


def copy_subtrees(roots, copies, *, remap=None, before=None):
    """Copy each of `roots` (children of one parent) and its descendants `copies`
    times; copy k of a root has the slug `<slug>-<k>` and the title `<title> <k>`.

    The specific rows are inserted type by type, top of the tree first;
    before[cls](mapping) runs before those of `cls`, and remap(cls, k, attrs)
    may change the copied attributes of a specific page (e.g. point a profile
    at its candidacy's copy, made in before[CandidateProfilePage]). Returns
    {(original pk, k): copy pk} for every page copied.
    """
    roots = list(roots)
    if not roots:
        return {}
    parent = roots[0].get_parent()
    last = Page.objects.child_of(parent).order_by("-path").values_list("path", flat=True)[0]
    step = Page._str2int(last[-Page.steplen :])
    subtree_of = {
        root.pk: list(Page.objects.descendant_of(root, inclusive=True).order_by("path").specific())
        for root in roots
    }
    rows, specifics = [], []
    for k in range(1, copies + 1):
        for root in roots:
            step += 1
            new_root_path = Page._get_path(parent.path, parent.depth + 1, step)
            slug = f"{root.slug}-{k}"
            new_root_url = f"{parent.url_path}{slug}/"
            for page in subtree_of[root.pk]:
                attrs = {f.attname: getattr(page, f.attname) for f in _PAGE_FIELDS}
                attrs["path"] = new_root_path + page.path[len(root.path) :]
                attrs["url_path"] = new_root_url + page.url_path[len(root.url_path) :]
                attrs["translation_key"] = uuid.uuid4()
                if page.pk == root.pk:
                    attrs["slug"] = slug
                    attrs["title"] = attrs["draft_title"] = f"{page.title} {k}"
                rows.append(Page(**attrs))
                specifics.append((page, k))
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + copies * len(roots))
    created = Page.objects.bulk_create(rows, batch_size=500)
    mapping, by_class = {}, defaultdict(list)
    for row, (page, k) in zip(created, specifics, strict=True):
        mapping[(page.pk, k)] = row.pk
        if type(page) is not Page:
            by_class[type(page)].append((page, k, row.pk))
    for cls, pages in by_class.items():
        if before and cls in before:
            before[cls](mapping)
        fields = _specific_fields(cls)
        objects = []
        for page, k, pk in pages:
            attrs = {f.attname: getattr(page, f.attname) for f in fields}
            attrs["page_ptr_id"] = pk
            if remap:
                remap(cls, k, attrs)
            objects.append(cls(**attrs))
        for start in range(0, len(objects), 200):
            cls._base_manager._insert(objects[start : start + 200], fields=fields)
    return mapping


def tenfold_parties():
    """The 2021 actors of `setup_site` times ten: nine copies of every actor
    (party, coalition, candidatura común, independent) with its platform,
    profile folder, profiles, candidacies, members and scope. Returns the
    number of actors, platforms, candidacies and profiles before and after."""
    from electoral.models import CandidateProfilePage, PlatformPage

    def counts():
        return (
            PoliticalActorPage.objects.count(),
            PlatformPage.objects.count(),
            Candidacy.objects.count(),
            CandidateProfilePage.objects.count(),
        )

    before = counts()
    actors = list(PoliticalActorPage.objects.order_by("path"))
    actor_ids = [a.pk for a in actors]
    fields = [
        f.attname for f in Candidacy._meta.concrete_fields if f.attname not in ("id", "actor_id")
    ]
    candidacy_copy, copied = {}, []

    def copy_candidacies(mapping):
        # The actors' copies exist: each gets the candidacies of its original,
        # one INSERT … SELECT per copy (17,000 model instances cost seconds).
        copied.append(True)
        table = connection.ops.quote_name(Candidacy._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(name) for name in fields)
        for k in range(1, 10):
            when = " ".join(f"WHEN {pk} THEN {mapping[(pk, k)]}" for pk in actor_ids)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({columns}, actor_id) "
                    f"SELECT {columns}, CASE actor_id {when} END FROM {table} "
                    f"WHERE actor_id IN ({', '.join(map(str, actor_ids))})"
                )
        for profile in CandidateProfilePage.objects.filter(candidacy__isnull=False):
            original = profile.candidacy
            same = Candidacy.objects.filter(
                office=original.office,
                municipality_id=original.municipality_id,
                district_id=original.district_id,
                position=original.position,
                role=original.role,
            )
            for k in range(1, 10):
                candidacy_copy[(original.pk, k)] = same.get(
                    actor_id=mapping[(original.actor_id, k)]
                ).pk

    def remap(cls, k, attrs):
        if cls is PoliticalActorPage:
            attrs["registry_key"] = f"{attrs['registry_key']}-{k}"
        if cls is CandidateProfilePage and attrs["candidacy_id"]:
            attrs["candidacy_id"] = candidacy_copy[(attrs["candidacy_id"], k)]

    mapping = copy_subtrees(actors, 9, remap=remap, before={CandidateProfilePage: copy_candidacies})
    if not copied:  # no profile in the data: the hook did not run
        copy_candidacies(mapping)
    # Members (coalitions → parties) and scope (municipalities, districts) of each copy.
    for name, source, target in (
        ("member_parties", "from_politicalactorpage_id", "to_politicalactorpage_id"),
        ("municipalities", "politicalactorpage_id", None),
        ("districts", "politicalactorpage_id", None),
    ):
        through = PoliticalActorPage._meta.get_field(name).remote_field.through
        rows = list(through.objects.filter(**{f"{source}__in": actor_ids}).values())
        new = []
        for k in range(1, 10):
            for row in rows:
                attrs = {key: value for key, value in row.items() if key != "id"}
                attrs[source] = mapping[(row[source], k)]
                if target:
                    attrs[target] = mapping[(row[target], k)]
                new.append(through(**attrs))
        through.objects.bulk_create(new, batch_size=2000)
    return before, counts()


def query_counts(client, urls):
    """{url: queries of a GET}, each answered 200 (a streamed body read to its end)."""
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(queries)
    return counts
