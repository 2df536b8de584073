"""Wagtail hooks of the electoral app: each area registers its own.

Wagtail autodiscovers only `<app>/wagtail_hooks.py`, so this module imports
the areas' hook modules; importing one registers its hooks. No two areas
register the same hook, so their order does not matter.
"""

from electoral.editorial import admin_hooks as editorial_hooks
from electoral.geography import wagtail_hooks as geography_hooks
from electoral.glossary import wagtail_hooks as glossary_hooks
from electoral.parties import wagtail_hooks as parties_hooks
from electoral.results import wagtail_hooks as results_hooks

__all__ = ["editorial_hooks", "geography_hooks", "glossary_hooks", "parties_hooks", "results_hooks"]
