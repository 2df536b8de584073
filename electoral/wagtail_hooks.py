"""Wagtail hooks of the electoral app (each area adds its own block below)."""

from wagtail import hooks

# --- Glossary: inline term links in rendered rich text ----------------------


@hooks.register("decide_enrich_html")
def link_glossary_terms(html, page):
    """Link the first occurrence of each Quitadudas term (see electoral.glossary.linker)."""
    from electoral.glossary.linker import enrich_html

    return enrich_html(html, page)


# --- Geography: sections (read-only list with filters) ----------------------


def _register_geography_admin():
    from wagtail.permissions import register_permission_policy

    from electoral.geography.admin import ReadOnlyPermissionPolicy, SectionViewSet
    from electoral.geography.models import Section

    register_permission_policy(Section, ReadOnlyPermissionPolicy(Section), exact_class=True)
    return SectionViewSet()


hooks.register("register_admin_viewset", _register_geography_admin)


# --- Party accounts and IEEM moderation (electoral/editorial/admin_hooks.py) --

from electoral.editorial import admin_hooks as _editorial_hooks  # noqa: E402, F401

# --- Parties: platform topics and the candidacy list (snippets) -------------


def _register_parties_admin():
    from wagtail.snippets.models import register_snippet

    from electoral.parties.admin import CandidacyViewSet, TopicViewSet

    register_snippet(TopicViewSet)
    register_snippet(CandidacyViewSet)


_register_parties_admin()


# --- Results: read-only list of the imported contests ------------------------


def _register_results_admin():
    from wagtail.permissions import register_permission_policy

    from electoral.geography.admin import ReadOnlyPermissionPolicy
    from electoral.results.admin import ContestViewSet
    from electoral.results.models import Contest

    register_permission_policy(Contest, ReadOnlyPermissionPolicy(Contest), exact_class=True)
    return ContestViewSet()


hooks.register("register_admin_viewset", _register_results_admin)
